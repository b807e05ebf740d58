/*
 * Modelled on drivers/base/core.c (Linux 6.1): two structs hold the same
 * kind of object.
 * Positive: both fields are converted, DECLARE_REF once.
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

struct link {
	struct foo *supplier;
};

struct node {
	struct foo *owner;
	int n;
};

void link_set(struct link *l, struct foo *f)
{
	l->supplier = f;
	foo_get(f);
}

void link_drop(struct link *l)
{
	foo_put(l->supplier);
	l->supplier = NULL;
}

void node_attach(struct node *n, struct foo *f)
{
	foo_get(f);
	n->owner = f;
}

int node_id(struct node *n)
{
	return n->owner ? n->owner->id : 0;
}
MODULE_LICENSE("GPL");
