/*
 * Modelled on arch/powerpc/platforms/book3s/vas-api.c (Linux 6.1): a
 * refcount_t field with get/put helpers, open-coded elsewhere.
 * Positive: refcount_inc -> vas_get, the release idiom -> vas_put.
 */
#include <linux/module.h>
#include <linux/refcount.h>
#include <linux/slab.h>

struct vas_window {
	refcount_t ref;
	int id;
};

static inline void vas_get(struct vas_window *w)
{
	refcount_inc(&w->ref);
}

static inline void vas_put(struct vas_window *w)
{
	if (refcount_dec_and_test(&w->ref))
		kfree(w);
}

void vas_open(struct vas_window *w)
{
	refcount_inc(&w->ref);
}

void vas_close(struct vas_window *w)
{
	if (refcount_dec_and_test(&w->ref))
		kfree(w);
}

MODULE_LICENSE("GPL");
