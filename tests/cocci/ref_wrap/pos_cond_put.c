/*
 * Modelled on kernel/fork.c (Linux 6.1), the "if (p) put(p)" shape of
 * its error paths.
 * Positive: the kernel's ref_release() skips an empty wrapper, so the
 * test, the put and the clear become one ref_release().
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo {
	int refs;
	int id;
};

static void foo_get(struct foo *f)
{
	f->refs++;
}

static void foo_put(struct foo *f)
{
	if (--f->refs == 0)
		kfree(f);
}

struct holder {
	struct foo *obj;
};

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_reset(struct holder *h)
{
	if (h->obj)
		foo_put(h->obj);
	h->obj = NULL;
}
MODULE_LICENSE("GPL");
