/*
 * Modelled on paired in/out counters reached through token pasting, as in
 * atomic_dec(&(c)->dir##_ref) macros of drivers: the names in_ref and
 * out_ref never appear after -> at the macro's use.
 * Negative: a paste that can make in_ref and out_ref keeps both.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

#define obj_drop(o, dir) atomic_dec(&(o)->dir##_ref)

struct obj {
	atomic_t in_ref;
	atomic_t out_ref;
};

struct obj *obj_new(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o) {
		atomic_set(&o->in_ref, 1);
		atomic_set(&o->out_ref, 1);
	}
	return o;
}

void obj_put(struct obj *o)
{
	if (atomic_dec_and_test(&o->in_ref))
		kfree(o);
}

void obj_put_out(struct obj *o)
{
	if (atomic_dec_and_test(&o->out_ref))
		kfree(o);
}

void obj_drop_in(struct obj *o)
{
	obj_drop(o, in);
}

MODULE_LICENSE("GPL");
