/*
 * Modelled on kernel/pid_namespace.c and kernel/pid.c (Linux 6.1): the root
 * namespace is a static object whose count starts at ATOMIC_INIT(1) and never
 * drops to 0, children are allocated with the count set to 1, and the last
 * put of a child frees it and drops the reference on its parent. The root is
 * initialised positionally here (init_pid_ns uses designators).
 * Positive: ATOMIC_INIT in a positional initializer converts with the calls.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct pid_ns {
	atomic_t count;
	unsigned int level;
	struct pid_ns *parent;
};

struct pid_ns init_pid_ns = {
	ATOMIC_INIT(1),
	0,
	NULL,
};

struct pid_ns *get_pid_ns(struct pid_ns *ns)
{
	if (ns != &init_pid_ns)
		atomic_inc(&ns->count);
	return ns;
}

void put_pid_ns(struct pid_ns *ns)
{
	struct pid_ns *parent;

	while (ns != &init_pid_ns) {
		parent = ns->parent;
		if (!atomic_dec_and_test(&ns->count))
			break;
		kfree(ns);
		ns = parent;
	}
}

struct pid_ns *create_pid_ns(struct pid_ns *parent)
{
	struct pid_ns *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	if (!ns)
		return NULL;
	ns->level = parent->level + 1;
	ns->parent = get_pid_ns(parent);
	atomic_set(&ns->count, 1);
	return ns;
}

MODULE_LICENSE("GPL");
