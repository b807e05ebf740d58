/*
 * Modelled on include/linux/kref.h users (Linux 6.1): the put returns
 * whether it freed the object, and the caller tests it.
 * Negative: a put inside an expression.
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

static int foo_put(struct foo *f)
{
	if (--f->refs)
		return 0;
	kfree(f);
	return 1;
}

struct holder {
	struct foo *obj;
};

void holder_attach(struct holder *h, struct foo *f)
{
	h->obj = f;
	foo_get(f);
}

void holder_detach(struct holder *h)
{
	if (foo_put(h->obj))
		h->obj = NULL;
}

MODULE_LICENSE("GPL");
