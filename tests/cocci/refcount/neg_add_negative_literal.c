/*
 * Modelled on atomic_add(-n, ...) used as a decrement (Linux 6.1: a few
 * drivers' batch puts): refcount_add() takes only increments.
 * Negative: atomic_add(-1, ..) keeps the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct obj {
	atomic_t ref;
};

struct obj *obj_new(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o)
		atomic_set(&o->ref, 1);
	return o;
}

void obj_get(struct obj *o)
{
	atomic_inc(&o->ref);
}

void obj_put(struct obj *o)
{
	if (atomic_dec_and_test(&o->ref))
		kfree(o);
}

void obj_drop(struct obj *o)
{
	atomic_add(-1, &o->ref);
}

MODULE_LICENSE("GPL");
