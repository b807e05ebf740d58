/*
 * Modelled on drivers/tty/tty_io.c (Linux 6.1): a field of another type.
 * Negative: struct bar is not in the spec; nothing changes.
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

struct bar {
	int id;
};

struct holder {
	struct bar *obj;
};

void holder_attach(struct holder *h, struct bar *b)
{
	h->obj = b;
}
MODULE_LICENSE("GPL");
