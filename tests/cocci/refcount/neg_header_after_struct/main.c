/*
 * Modelled on drivers that define a struct in a .c file and include a local
 * header of inline helpers after it (Linux 6.1: drivers/scsi and
 * drivers/net files with "*_inline.h" headers): the header alone has no
 * definition of struct obj.
 * Negative: obj_inline.h's atomic_dec() belongs to main.c's struct obj, and
 * keeps the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct obj {
	atomic_t ref;
};

#include "obj_inline.h"

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
	obj_drop(o);
	obj_put(o);
}

MODULE_LICENSE("GPL");
