/*
 * Modelled on static objects with nested initializers (Linux 6.1:
 * ".ctx = { .users = ATOMIC_INIT(0) }"-style members): the nested
 * ATOMIC_INIT is not converted, so the field must stay.
 * Negative: a designated initializer below the top level keeps the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct obj {
	atomic_t ref;
};

struct holder {
	struct obj o;
	int id;
};

static struct holder root = {
	.o = { .ref = ATOMIC_INIT(1) },
	.id = 0,
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

struct obj *root_obj(void)
{
	return &root.o;
}

MODULE_LICENSE("GPL");
