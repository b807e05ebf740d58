// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Modelled on fs/smb/server/smb2pdu.c (Linux 6.1): a tree connection's
 * reference count is only read here; see mgmt/tree_connect.h.
 */
#include <linux/module.h>
#include <linux/printk.h>

#include "mgmt/tree_connect.h"

void smb2_tree_debug(struct ksmbd_tree_connect *tcon)
{
	if (atomic_read(&tcon->refcount) > 1)
		pr_debug("tree %d busy, refcount %d\n", tcon->id,
			 atomic_read(&tcon->refcount));
}

MODULE_LICENSE("GPL");
