/*
 * Modelled on drivers/tty/tty_jobctrl.c (Linux 6.1), __proc_set_tty():
 * the reference is taken before the store.
 * Positive: "GET(y); x->f = y;" -> ref_acquire().
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
	foo_get(f);
	h->obj = f;
}

void holder_detach(struct holder *h)
{
	foo_put(h->obj);
	h->obj = NULL;
}
MODULE_LICENSE("GPL");
