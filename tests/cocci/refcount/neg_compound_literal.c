/*
 * Modelled on objects reset with a compound literal ("*o = (struct obj){
 * .ref = ATOMIC_INIT(1) }"): spatch 1.1.1 does not match designators in
 * compound literals, so the audit finds .ref unanalysed.
 * Negative: the field stays atomic_t (the literal would not build).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct obj {
	atomic_t ref;
	int id;
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

void obj_reinit(struct obj *o, int id)
{
	*o = (struct obj){ .ref = ATOMIC_INIT(1), .id = id };
}

MODULE_LICENSE("GPL");
