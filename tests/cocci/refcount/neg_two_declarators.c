/*
 * Modelled on fs/jffs2/xattr.h and xattr.c (Linux 6.1): an xattr datum whose
 * refcnt would otherwise convert (set to 1, inc, dec_and_lock), but here it is
 * declared together with a second counter in one declaration,
 * "atomic_t refcnt, pending;".
 * Negative: a multi-declarator atomic_t declaration is not converted, so
 * neither is any use of refcnt.
 */
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct jffs2_xattr_datum {
	struct list_head xindex;
	atomic_t refcnt, pending;
	u32 xid;
};

struct jffs2_sb_info {
	spinlock_t erase_completion_lock;
	struct list_head xattr_dead_list;
};

void create_xattr_datum(struct jffs2_xattr_datum *xd, u32 xid)
{
	xd->xid = xid;
	atomic_set(&xd->refcnt, 1);
	atomic_set(&xd->pending, 0);
}

void refer_xattr_datum(struct jffs2_xattr_datum *xd)
{
	atomic_inc(&xd->refcnt);
}

void unrefer_xattr_datum(struct jffs2_sb_info *c, struct jffs2_xattr_datum *xd)
{
	if (atomic_dec_and_lock(&xd->refcnt, &c->erase_completion_lock)) {
		list_add(&xd->xindex, &c->xattr_dead_list);
		spin_unlock(&c->erase_completion_lock);
	}
}

MODULE_LICENSE("GPL");
