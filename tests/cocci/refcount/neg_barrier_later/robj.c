/*
 * Modelled on include/linux/bio.h-style ordering (Linux 6.1): an increment,
 * one store, then smp_mb__after_atomic().
 * Negative: an explicit barrier later in the function keeps the field.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/kernel.h>
#include <linux/printk.h>

struct robj {
	atomic_t ref;
	int id;
	void *data;
};

struct robj *robj_new(int id)
{
	struct robj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return NULL;
	o->id = id;
	atomic_set(&o->ref, 1);
	return o;
}

void robj_get(struct robj *o)
{
	atomic_inc(&o->ref);
}

void robj_put(struct robj *o)
{
	if (atomic_dec_and_test(&o->ref)) {
		kfree(o->data);
		kfree(o);
	}
}

void robj_get_ordered(struct robj *o)
{
	atomic_inc(&o->ref);
	o->id |= 0x100;
	smp_mb__after_atomic();
}
