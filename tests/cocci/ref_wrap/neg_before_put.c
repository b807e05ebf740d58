/*
 * Modelled on drivers/base/core.c (Linux 6.1): the holder struct comes
 * before the definitions of get and put in the same file.
 * Negative: DECLARE_REF would come after the struct that needs it.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo {
	int refs;
	int id;
};

struct holder {
	struct foo *obj;
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

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_detach(struct holder *h)
{
	foo_put(h->obj);
	h->obj = NULL;
}

MODULE_LICENSE("GPL");
