/*
 * Modelled on drivers/tty/tty_io.c (Linux 6.1): a pointer stored without
 * taking a reference (the owner outlives the holder).
 * Negative: a borrowed store keeps the field a plain pointer.
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

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_peek(struct holder *h, struct foo *f)
{
	h->obj = f;
}
MODULE_LICENSE("GPL");
