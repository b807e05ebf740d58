/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modelled on fs/ceph/super.h, snap.c and caps.c (Linux 6.1): struct
 * ceph_snap_realm is declared in the header; snap.c sets nref to 1, takes it
 * with atomic_inc_not_zero() and releases it with atomic_dec_and_test() and
 * atomic_dec_and_lock(), all convertible; but caps.c revives a realm from
 * the empty list with atomic_inc_return(&realm->nref) == 1.
 * Negative, multi-file: one blocking use in another file of the run keeps
 * the field and every use in every file unchanged.
 */
#ifndef _FS_CEPH_SUPER_H
#define _FS_CEPH_SUPER_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct ceph_snap_realm {
	u64 ino;
	atomic_t nref;
	struct list_head empty_item;
};

struct ceph_mds_client {
	spinlock_t snap_empty_lock;
	struct list_head snap_empty;
};

#endif /* _FS_CEPH_SUPER_H */
