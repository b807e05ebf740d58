// SPDX-License-Identifier: GPL-2.0
/*
 * Modelled on ceph_get_snap_realm() in fs/ceph/snap.c (Linux 6.1), moved to
 * another file of the run; see super.h.
 */
#include <linux/module.h>
#include "super.h"

void ceph_get_snap_realm(struct ceph_mds_client *mdsc,
			 struct ceph_snap_realm *realm)
{
	if (atomic_inc_not_zero(&realm->nref))
		return;

	spin_lock(&mdsc->snap_empty_lock);
	if (atomic_inc_return(&realm->nref) == 1)
		list_del_init(&realm->empty_item);
	spin_unlock(&mdsc->snap_empty_lock);
}

MODULE_LICENSE("GPL");
