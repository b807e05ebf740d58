/*
 * The users of pos_hdr/foo.h.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "foo.h"

struct foo *foo_get(struct foo *f)
{
	f->refs++;
	return f;
}

void foo_put(struct foo *f)
{
	if (--f->refs == 0)
		kfree(f);
}

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = foo_get(f);
}

int holder_id(struct holder *h)
{
	return h->obj->id;
}

void holder_detach(struct holder *h)
{
	foo_put(h->obj);
	h->obj = NULL;
}

MODULE_LICENSE("GPL");
