/*
 * Modelled on get/put macros such as xen-blkback's blkif_get()/blkif_put()
 * (drivers/block/xen-blkback/common.h), here with a plain atomic_dec() in
 * the macro body: spatch sees obj_unref(o) as a call and never the body.
 * Negative: the ->ref in the #define body is a use nobody analysed.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

#define obj_unref(o) atomic_dec(&(o)->ref)

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

void obj_drop_two(struct obj *o)
{
	obj_unref(o);
	obj_put(o);
}

MODULE_LICENSE("GPL");
