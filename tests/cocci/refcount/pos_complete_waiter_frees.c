/*
 * Modelled on drivers/infiniband/core/multicast.c and sa_query.c (Linux 6.1,
 * before their counts became refcount_t): the last put completes, and the
 * teardown waits for the completion and frees the object.
 * Positive: a release that completes a waiter who frees is a reference
 * count (48 of 332 "if (refcount_dec_and_test())" in 6.1 complete()).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/completion.h>

struct obj {
	atomic_t users;
	struct completion comp;
};

struct obj *obj_new(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o) {
		atomic_set(&o->users, 1);
		init_completion(&o->comp);
	}
	return o;
}

void obj_get(struct obj *o)
{
	atomic_inc(&o->users);
}

void obj_put(struct obj *o)
{
	if (atomic_dec_and_test(&o->users))
		complete(&o->comp);
}

void obj_wait_and_free(struct obj *o)
{
	obj_put(o);
	wait_for_completion(&o->comp);
	kfree(o);
}

MODULE_LICENSE("GPL");
