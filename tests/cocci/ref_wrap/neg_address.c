/*
 * Modelled on kernel/pid.c (Linux 6.1): the field's address is handed to
 * a helper that may swap it.
 * Negative: the address is taken.
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
};

static void swap_obj(struct foo **slot, struct foo *f)
{
	*slot = f;
}

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_swap(struct holder *h, struct foo *f)
{
	swap_obj(&h->obj, f);
}
MODULE_LICENSE("GPL");
