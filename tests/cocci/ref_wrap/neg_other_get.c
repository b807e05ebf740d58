/*
 * Modelled on kernel/exit.c (Linux 6.1): the reference taken is not the
 * one stored.
 * Negative: "x->f = a; GET(b);" is not an acquire.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo {
	int refs;
	int id;
};

void foo_get(struct foo *f)
{
	f->refs++;
}

void foo_put(struct foo *f)
{
	if (--f->refs == 0)
		kfree(f);
}

struct holder {
	struct foo *obj;
	struct foo *prev;
};

void holder_attach(struct holder *h, struct foo *f, struct foo *g)
{
	h->obj = f;
	foo_get(g);
}
MODULE_LICENSE("GPL");
