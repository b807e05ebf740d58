/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Modelled on fs/smb/server/mgmt/tree_connect.h, tree_connect.c and
 * smb2pdu.c (Linux 6.1): struct ksmbd_tree_connect is declared in a header,
 * its refcount is set to 2 and released in mgmt/tree_connect.c, looked up
 * with atomic_inc_not_zero() under tree_conns_lock, and only read (for a
 * debug message) in smb2pdu.c.
 * Positive, multi-file: the header gets the refcount_t field and
 * <linux/refcount.h>; the .c files only get the call renames.
 */
#ifndef __TREE_CONNECT_MANAGEMENT_H__
#define __TREE_CONNECT_MANAGEMENT_H__

#include <linux/atomic.h>
#include <linux/spinlock.h>
#include <linux/xarray.h>

enum {
	TREE_NEW = 0,
	TREE_CONNECTED,
	TREE_DISCONNECTED
};

struct ksmbd_tree_connect {
	int id;
	unsigned int flags;
	int t_state;
	atomic_t refcount;
};

struct ksmbd_session {
	struct xarray tree_conns;
	rwlock_t tree_conns_lock;
};

#endif /* __TREE_CONNECT_MANAGEMENT_H__ */
