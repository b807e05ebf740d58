/*
 * Modelled on include/linux/device.h users (Linux 6.1): the holder is
 * embedded in a bigger struct and reached with ".".
 * Negative: a member of a struct value (x.f).
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

struct outer {
	struct holder h;
};

void outer_attach(struct outer *o, struct foo *f)
{
	o->h.obj = f;
	foo_get(f);
}
MODULE_LICENSE("GPL");
