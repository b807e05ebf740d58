/*
 * Modelled on the reads of reference counts that upstream converted as they
 * were (Linux 6.1: refcount_read() == 1 tests in fs/, pr_debug() of a count,
 * WARN_ON(!refcount_read()), "> 1" in shared-object checks): every read
 * means the same once the result is unsigned.
 * Positive: every context of the whitelist converts with the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/bug.h>
#include <linux/printk.h>

struct obj {
	atomic_t ref;
	struct obj *next;
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

int obj_users(struct obj *o)
{
	return atomic_read(&o->ref);
}

bool obj_shared(struct obj *o)
{
	u16 small = atomic_read(&o->ref);
	unsigned int count;
	struct obj *p;
	int n = 0;

	count = atomic_read(&o->ref);
	WARN_ON(!atomic_read(&o->ref));
	pr_debug("obj %p: %d users, %u, %u\n", o, atomic_read(&o->ref), count, small);
	if (atomic_read(&o->ref) == 1 || atomic_read(&o->ref) != 2)
		n++;
	if (atomic_read(&o->ref) && n)
		n++;
	if (atomic_read(&o->ref))
		n++;
	for (p = o; atomic_read(&p->ref); p = p->next)
		n++;
	while (atomic_read(&o->ref) > 0 && n < 10)
		n++;
	return atomic_read(&o->ref) > 1 || (int)atomic_read(&o->ref) >= 2;
}

MODULE_LICENSE("GPL");
