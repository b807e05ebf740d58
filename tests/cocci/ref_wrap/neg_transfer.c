/*
 * Modelled on fs/notify/fanotify/fanotify.c (Linux 6.1),
 * fanotify_alloc_event(): the pid reference is taken into a local first and
 * stored in the event later, after the allocation.
 * Negative: a hand-over of a reference held by a local is not an acquire;
 * the field is kept and reported as such.
 */
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>

struct my_event {
	unsigned int mask;
	struct pid *pid;
};

struct my_event *my_event_alloc(unsigned int mask)
{
	struct my_event *event;
	struct pid *pid;

	pid = get_pid(task_tgid(current));
	event = kzalloc(sizeof(*event), GFP_KERNEL);
	if (!event) {
		put_pid(pid);
		return NULL;
	}
	event->mask = mask;
	event->pid = pid;
	return event;
}

void my_event_free(struct my_event *event)
{
	put_pid(event->pid);
	kfree(event);
}

MODULE_LICENSE("GPL");
