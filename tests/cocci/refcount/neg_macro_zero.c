/*
 * Modelled on counts reset to a named constant (Linux 6.1: "#define
 * MBO_NONE 0"-style sentinels in drivers): the value of OBJ_IDLE is not
 * visible to the decide step, and it is 0.
 * Negative: a value that is not a literal keeps the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

#define OBJ_IDLE 0

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

void obj_reset(struct obj *o)
{
	atomic_set(&o->ref, OBJ_IDLE);
}

MODULE_LICENSE("GPL");
