// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * Modelled on fs/smb/server/mgmt/tree_connect.c (Linux 6.1); see
 * tree_connect.h.
 */
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/xarray.h>

#include "tree_connect.h"

struct ksmbd_tree_connect *ksmbd_tree_conn_connect(struct ksmbd_session *sess,
						   int id)
{
	struct ksmbd_tree_connect *tree_conn;

	tree_conn = kzalloc(sizeof(struct ksmbd_tree_connect), GFP_KERNEL);
	if (!tree_conn)
		return NULL;

	tree_conn->id = id;
	tree_conn->t_state = TREE_NEW;
	atomic_set(&tree_conn->refcount, 2);

	if (xa_err(xa_store(&sess->tree_conns, id, tree_conn, GFP_KERNEL))) {
		kfree(tree_conn);
		return NULL;
	}
	return tree_conn;
}

void ksmbd_tree_connect_put(struct ksmbd_tree_connect *tcon)
{
	if (atomic_dec_and_test(&tcon->refcount))
		kfree(tcon);
}

struct ksmbd_tree_connect *ksmbd_tree_conn_lookup(struct ksmbd_session *sess,
						  unsigned int id)
{
	struct ksmbd_tree_connect *tcon;

	read_lock(&sess->tree_conns_lock);
	tcon = xa_load(&sess->tree_conns, id);
	if (tcon) {
		if (tcon->t_state != TREE_CONNECTED)
			tcon = NULL;
		else if (!atomic_inc_not_zero(&tcon->refcount))
			tcon = NULL;
	}
	read_unlock(&sess->tree_conns_lock);

	return tcon;
}

MODULE_LICENSE("GPL");
