/*
 * Modelled on include/linux/device.h users (Linux 6.1): the holder is
 * embedded in a bigger struct, and that struct is copied whole.
 * Negative: copying the outer struct copies the holder's pointer without a
 * get.
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

void outer_clone(struct outer *dst, struct outer *src)
{
	*dst = *src;
}

void outer_detach(struct outer *o)
{
	foo_put(o->h.obj);
	o->h.obj = NULL;
}
MODULE_LICENSE("GPL");
