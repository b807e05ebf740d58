/*
 * Modelled on drivers/gpu/drm (Linux 6.1): the holder reached through a
 * macro whose type spatch cannot infer.
 * Negative: a use through an expression of unknown type.
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

struct dev {
	struct holder *hold;
};

#define HOLDER_OF(d) ((d)->hold)

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

int dev_id(struct dev *d)
{
	return HOLDER_OF(d)->obj->id;
}
MODULE_LICENSE("GPL");
