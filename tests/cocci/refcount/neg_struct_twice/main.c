/*
 * See obj.h.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "obj.h"

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

MODULE_LICENSE("GPL");
