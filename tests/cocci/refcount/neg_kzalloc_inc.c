/*
 * Modelled on drivers/infiniband/core/multicast.c (Linux 6.1): a mcast_group
 * is kzalloc'ed with refcount 0 and acquire_group() takes every reference,
 * the first one included, with atomic_inc(); release_group() erases it from
 * the port's rb tree under port->lock on atomic_dec_and_test().
 * Negative: never initialised to a non-zero value, so refcount_inc() would
 * warn on the 0 -> 1 increment; the field stays atomic_t.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct mcast_port {
	struct rb_root table;
	spinlock_t lock;
};

struct mcast_group {
	struct rb_node node;
	struct mcast_port *port;
	atomic_t refcount;
};

struct mcast_group *acquire_group(struct mcast_port *port, gfp_t gfp_mask)
{
	struct mcast_group *group;

	group = kzalloc(sizeof(*group), gfp_mask);
	if (!group)
		return NULL;

	group->port = port;
	atomic_inc(&group->refcount);
	return group;
}

void release_group(struct mcast_group *group)
{
	struct mcast_port *port = group->port;
	unsigned long flags;

	spin_lock_irqsave(&port->lock, flags);
	if (atomic_dec_and_test(&group->refcount)) {
		rb_erase(&group->node, &port->table);
		spin_unlock_irqrestore(&port->lock, flags);
		kfree(group);
	} else
		spin_unlock_irqrestore(&port->lock, flags);
}

MODULE_LICENSE("GPL");
