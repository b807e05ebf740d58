/*
 * Modelled on include/linux/bio.h (Linux 6.1): bio_cnt_set() orders a set
 * with smp_mb__before_atomic(); here an increment is followed by
 * smp_mb__after_atomic(). refcount_t's operations are not fully ordered.
 * Negative: an explicit full barrier next to an operation keeps the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct obj {
	atomic_t ref;
	bool live;
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

void obj_get_ordered(struct obj *o)
{
	atomic_inc(&o->ref);
	smp_mb__after_atomic();
	o->live = true;
}

MODULE_LICENSE("GPL");
