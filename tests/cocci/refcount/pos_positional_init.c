/*
 * Modelled on kernel/pid_namespace.c and kernel/pid.c (Linux 6.1): the root
 * namespace is a static object whose count starts at ATOMIC_INIT(1) and never
 * drops to 0, children are allocated with the count set to 1, and the last
 * put of a child frees it and drops the reference on its parent. The root is
 * initialised positionally here (init_pid_ns uses designators; the names
 * differ from the kernel's, which its headers declare).
 * Positive: ATOMIC_INIT in a positional initializer converts with the calls.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct ns_model {
	atomic_t count;
	unsigned int level;
	struct ns_model *parent;
};

struct ns_model root_ns = {
	ATOMIC_INIT(1),
	0,
	NULL,
};

struct ns_model *ns_get(struct ns_model *ns)
{
	if (ns != &root_ns)
		atomic_inc(&ns->count);
	return ns;
}

void ns_put(struct ns_model *ns)
{
	struct ns_model *parent;

	while (ns != &root_ns) {
		parent = ns->parent;
		if (!atomic_dec_and_test(&ns->count))
			break;
		kfree(ns);
		ns = parent;
	}
}

struct ns_model *ns_create(struct ns_model *parent)
{
	struct ns_model *ns = kzalloc(sizeof(*ns), GFP_KERNEL);

	if (!ns)
		return NULL;
	ns->level = parent->level + 1;
	ns->parent = ns_get(parent);
	atomic_set(&ns->count, 1);
	return ns;
}

MODULE_LICENSE("GPL");
