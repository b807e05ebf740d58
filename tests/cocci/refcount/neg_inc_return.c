/*
 * Modelled on fs/ceph/snap.c (Linux 6.1): a ceph_snapid_map found in the rb
 * tree may sit on the LRU with ref == 0; lookup revives it with
 * atomic_inc_return(&exist->ref) == 1, the last put parks it on the LRU under
 * snapid_map_lock via atomic_dec_and_lock().
 * Negative: atomic_inc_return (0 -> 1 revival) blocks the field.
 */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/spinlock.h>

struct ceph_snapid_map {
	struct list_head lru;
	atomic_t ref;
	unsigned long last_used;
};

struct ceph_mds_client {
	spinlock_t snapid_map_lock;
	struct list_head snapid_map_lru;
};

void ceph_init_snapid_map(struct ceph_snapid_map *sm)
{
	INIT_LIST_HEAD(&sm->lru);
	atomic_set(&sm->ref, 1);
}

void ceph_revive_snapid_map(struct ceph_mds_client *mdsc,
			    struct ceph_snapid_map *exist)
{
	spin_lock(&mdsc->snapid_map_lock);
	if (atomic_inc_return(&exist->ref) == 1)
		list_del_init(&exist->lru);
	spin_unlock(&mdsc->snapid_map_lock);
}

void ceph_put_snapid_map(struct ceph_mds_client *mdsc,
			 struct ceph_snapid_map *sm)
{
	if (atomic_dec_and_lock(&sm->ref, &mdsc->snapid_map_lock)) {
		sm->last_used = jiffies;
		list_add_tail(&sm->lru, &mdsc->snapid_map_lru);
		spin_unlock(&mdsc->snapid_map_lock);
	}
}

MODULE_LICENSE("GPL");
