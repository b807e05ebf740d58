/*
 * Modelled on the reads that refcount_read()'s unsigned int changes (seen
 * in Linux 6.1: BUG_ON(atomic_read(..) <= 0) in dm-writecache.c,
 * "if (atomic_read(&sess->refcnt) <= 0)" in ksmbd, min() with an int in
 * drivers): six reference counts, each read once where the sign matters.
 * Negative: each stays atomic_t with the read that keeps it.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/minmax.h>
#include <linux/printk.h>

struct obj {
	atomic_t lt_zero;
	atomic_t in_min;
	atomic_t in_ternary;
	atomic_t widened;
	atomic_t negated;
	atomic_t vs_var;
};

struct obj *obj_new(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o) {
		atomic_set(&o->lt_zero, 1);
		atomic_set(&o->in_min, 1);
		atomic_set(&o->in_ternary, 1);
		atomic_set(&o->widened, 1);
		atomic_set(&o->negated, 1);
		atomic_set(&o->vs_var, 1);
	}
	return o;
}

void obj_put(struct obj *o)
{
	if (atomic_dec_and_test(&o->lt_zero) | atomic_dec_and_test(&o->in_min) |
	    atomic_dec_and_test(&o->in_ternary) | atomic_dec_and_test(&o->widened) |
	    atomic_dec_and_test(&o->negated) | atomic_dec_and_test(&o->vs_var))
		kfree(o);
}

int obj_check(struct obj *o, int limit, bool verbose)
{
	long w;
	int n;

	if (atomic_read(&o->lt_zero) < 0)
		return -EINVAL;
	n = min(atomic_read(&o->in_min), limit);
	n += verbose ? atomic_read(&o->in_ternary) : -1;
	w = atomic_read(&o->widened);
	n -= -atomic_read(&o->negated);
	if (atomic_read(&o->vs_var) > limit)
		n++;
	pr_info("%ld %d\n", w, n);
	return n;
}

MODULE_LICENSE("GPL");
