/*
 * Modelled on drivers/base/bus.c (Linux 6.1) with a kref-style foo_get()/
 * foo_put() pair: the bus caches its last device with a reference, and the
 * put clears the cache from inside its own definition.
 * Negative: a use inside PUT's own definition is never converted, so the
 * field stays a plain pointer.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo;

struct my_bus {
	struct foo *last;
};

struct foo {
	int refs;
	struct my_bus *bus;
};

void foo_get(struct foo *f)
{
	f->refs++;
}

void foo_put(struct foo *f)
{
	if (--f->refs)
		return;
	if (f->bus->last == f)
		f->bus->last = NULL;
	kfree(f);
}

void my_bus_remember(struct my_bus *b, struct foo *f)
{
	foo_get(f);
	b->last = f;
}

void my_bus_forget(struct my_bus *b)
{
	foo_put(b->last);
	b->last = NULL;
}

MODULE_LICENSE("GPL");
