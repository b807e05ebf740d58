/*
 * Modelled on fs/file_table.c (Linux 6.1): a holder copies another
 * holder's pointer without its own reference.
 * Negative: stored without GET.
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
	struct holder *parent;
};

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_inherit(struct holder *h)
{
	h->obj = h->parent->obj;
}
MODULE_LICENSE("GPL");
