/*
 * Modelled on drivers/base/bus.c (Linux 6.1): a back pointer that is only
 * read and cleared.
 * Negative: never acquired with GET in the run.
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

int holder_id(struct holder *h)
{
	return h->obj ? h->obj->id : -1;
}

void holder_clear(struct holder *h)
{
	h->obj = NULL;
}
MODULE_LICENSE("GPL");
