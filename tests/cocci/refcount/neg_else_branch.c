/*
 * Modelled on #ifdef'd helpers such as those of include/linux/netdevice.h:
 * an #ifdef/#else that splits an if condition. spatch analyses the first
 * branch only; the #else branch's atomic_add_return() is never seen.
 * Negative: the audit finds ->ref in the unanalysed branch.
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

int obj_tryget(struct obj *o, bool want)
{
	if (want &&
#ifdef CONFIG_OBJ_STRICT
	    atomic_inc_not_zero(&o->ref))
#else
	    atomic_add_return(1, &o->ref) > 1)
#endif
		return 1;
	return 0;
}

MODULE_LICENSE("GPL");
