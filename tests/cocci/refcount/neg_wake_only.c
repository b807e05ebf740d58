/*
 * Modelled on busy counts such as drivers/gpu/drm/display/drm_dp_aux_dev.c
 * and the in-flight counters of drivers: zero wakes a waiter that goes on
 * using the object (a flush), nothing ends its life.
 * Negative: a release that only wakes is a countdown.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

struct obj {
	atomic_t busy;
	wait_queue_head_t wq;
};

struct obj *obj_new(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o) {
		atomic_set(&o->busy, 1);
		init_waitqueue_head(&o->wq);
	}
	return o;
}

void obj_busy(struct obj *o)
{
	atomic_inc(&o->busy);
}

void obj_idle(struct obj *o)
{
	if (atomic_dec_and_test(&o->busy))
		wake_up(&o->wq);
}

void obj_flush(struct obj *o)
{
	obj_idle(o);
	wait_event(o->wq, !atomic_read(&o->busy));
	atomic_set(&o->busy, 1);
}

MODULE_LICENSE("GPL");
