// SPDX-License-Identifier: GPL-2.0
/*
 * Modelled on fs/ceph/snap.c (Linux 6.1); see super.h.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "super.h"

struct ceph_snap_realm *ceph_create_snap_realm(u64 ino)
{
	struct ceph_snap_realm *realm;

	realm = kzalloc(sizeof(*realm), GFP_NOFS);
	if (!realm)
		return NULL;
	realm->ino = ino;
	atomic_set(&realm->nref, 1);
	INIT_LIST_HEAD(&realm->empty_item);
	return realm;
}

bool ceph_try_get_snap_realm(struct ceph_snap_realm *realm)
{
	return atomic_inc_not_zero(&realm->nref);
}

void __ceph_put_snap_realm(struct ceph_snap_realm *realm)
{
	if (atomic_dec_and_test(&realm->nref))
		kfree(realm);
}

void ceph_put_snap_realm(struct ceph_mds_client *mdsc,
			 struct ceph_snap_realm *realm)
{
	if (!atomic_dec_and_lock(&realm->nref, &mdsc->snap_empty_lock))
		return;

	list_add(&realm->empty_item, &mdsc->snap_empty);
	spin_unlock(&mdsc->snap_empty_lock);
}

MODULE_LICENSE("GPL");
