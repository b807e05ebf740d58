/*
 * Modelled on drivers/infiniband/core/multicast.c (Linux 6.1, before its
 * mcast_port refcount became a refcount_t): the port count is set to 1 when
 * the port is added, taken by each group and dropped with complete() on the
 * last put. The file does not include <linux/atomic.h>.
 * Positive: <linux/refcount.h> goes right after the last <linux/...> include
 * (before the <rdma/...> one).
 */
#include <linux/completion.h>
#include <linux/module.h>
#include <linux/rbtree.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <rdma/ib_verbs.h>

struct mcast_port {
	struct rb_root table;
	spinlock_t lock;
	atomic_t refcount;
	struct completion comp;
	u32 port_num;
};

void deref_port(struct mcast_port *port)
{
	if (atomic_dec_and_test(&port->refcount))
		complete(&port->comp);
}

void mcast_port_get(struct mcast_port *port)
{
	atomic_inc(&port->refcount);
}

void mcast_add_one_port(struct mcast_port *port, u32 port_num)
{
	port->port_num = port_num;
	spin_lock_init(&port->lock);
	port->table = RB_ROOT;
	init_completion(&port->comp);
	atomic_set(&port->refcount, 1);
}

void mcast_remove_one_port(struct mcast_port *port)
{
	deref_port(port);
	wait_for_completion(&port->comp);
}

MODULE_LICENSE("GPL");
