/*
 * Modelled on the declaration macros of include/linux/wait.h (DEFINE_WAIT())
 * and their local imitations in drivers: OBJ_TRACE() expands to a
 * declaration with its own semicolon (in trace.h, which spatch does not
 * read) and is used without one, on the line of the next statement, so
 * spatch cannot parse obj_drop_two() and never sees its atomic_dec().
 * Negative: the occurrence audit finds ->ref in obj_drop_two() at a position
 * nobody analysed; converting would leave atomic_dec() on a refcount_t.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <linux/printk.h>

#include "trace.h"

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

void obj_drop_two(struct obj *o)
{
	OBJ_TRACE(t) atomic_dec(&o->ref);
	pr_debug("obj %d at %lu\n", o->id, t);
	obj_put(o);
}

MODULE_LICENSE("GPL");
