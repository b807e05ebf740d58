/*
 * Example for cocci/grab.cocci (spec: grab vas_window ref vas_get vas_put),
 * modelled on arch/powerpc/platforms/book3s/vas-api.c (Linux 6.1): the get
 * and the put of a refcount_t field open-coded beside their helpers.
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
