/*
 * Modelled on drivers/tty/tty_io.c (Linux 6.1): a tty holds a reference on
 * the session's struct pid, taken with get_pid() and dropped with put_pid().
 * Positive: the field becomes a struct pid_ref.
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
	int flags;
};

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

int holder_id(struct holder *h)
{
	if (!h->obj)
		return -1;
	return h->obj->id;
}

void holder_init(struct holder *h)
{
	h->obj = NULL;
}

MODULE_LICENSE("GPL");
