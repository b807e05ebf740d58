/*
 * Modelled on lookup-or-create paths (Linux 6.1: inet peer and neighbour
 * tables before their refcount_t conversions): a new entry comes zero-filled
 * from kzalloc() and takes its first reference with a plain atomic_inc().
 * Negative: refcount_inc() from 0 warns and saturates.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct peer {
	struct list_head node;
	u32 addr;
	atomic_t refcnt;
};

static LIST_HEAD(peers);
static DEFINE_SPINLOCK(peers_lock);

/* a static peer, created by configuration with one reference held */
struct peer *peer_add_static(u32 addr)
{
	struct peer *p = kmalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->addr = addr;
	atomic_set(&p->refcnt, 1);
	spin_lock(&peers_lock);
	list_add(&p->node, &peers);
	spin_unlock(&peers_lock);
	return p;
}

/* lookup or create: a new peer is zero-filled and takes its first
 * reference on the common path below */
struct peer *peer_find_or_create(u32 addr)
{
	struct peer *p, *found = NULL;

	spin_lock(&peers_lock);
	list_for_each_entry(p, &peers, node) {
		if (p->addr == addr) {
			found = p;
			break;
		}
	}
	if (!found) {
		found = kzalloc(sizeof(*found), GFP_ATOMIC);
		if (!found) {
			spin_unlock(&peers_lock);
			return NULL;
		}
		found->addr = addr;
		list_add(&found->node, &peers);
	}
	atomic_inc(&found->refcnt);
	spin_unlock(&peers_lock);
	return found;
}

void peer_put(struct peer *p)
{
	if (atomic_dec_and_test(&p->refcnt)) {
		spin_lock(&peers_lock);
		list_del(&p->node);
		spin_unlock(&peers_lock);
		kfree(p);
	}
}
