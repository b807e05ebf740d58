/*
 * Modelled on drivers/tty/tty_io.c (Linux 6.1), release_tty(): the put
 * is not followed by a clearing store (the holder is freed next).
 * Positive: a bare PUT(x->f) -> ref_release(), which also empties it.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo {
	int refs;
	int id;
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

struct holder {
	struct foo *obj;
};

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_free(struct holder *h)
{
	foo_put(h->obj);
	kfree(h);
}
MODULE_LICENSE("GPL");
