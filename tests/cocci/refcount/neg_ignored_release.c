/*
 * Modelled on puts whose result is dropped ("atomic_dec_and_test(&x->ref);"
 * as a statement, Linux 6.1 drivers): refcount_dec_and_test() is
 * __must_check, so the converted line would warn.
 * Negative: an ignored release result keeps the field.
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

void obj_drop_extra(struct obj *o)
{
	atomic_dec_and_test(&o->ref);
}

MODULE_LICENSE("GPL");
