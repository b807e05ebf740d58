/*
 * Modelled on fs/smb/server/oplock.c (Linux 6.1): opinfo_get_list() takes a
 * reference with atomic_inc_not_zero() and, if the connection is being
 * released, gives it back with a plain atomic_dec(&opinfo->refcount).
 * Negative: plain atomic_dec blocks the field (refcount_dec would have to be
 * proven never to drop the last reference).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/slab.h>

struct oplock_info {
	struct list_head op_entry;
	atomic_t refcount;
	bool releasing;
};

void opinfo_init(struct oplock_info *opinfo)
{
	INIT_LIST_HEAD(&opinfo->op_entry);
	atomic_set(&opinfo->refcount, 1);
}

struct oplock_info *opinfo_get_list(struct list_head *m_op_list)
{
	struct oplock_info *opinfo;

	rcu_read_lock();
	opinfo = list_first_or_null_rcu(m_op_list, struct oplock_info,
					op_entry);
	if (opinfo) {
		if (!atomic_inc_not_zero(&opinfo->refcount)) {
			opinfo = NULL;
		} else if (opinfo->releasing) {
			atomic_dec(&opinfo->refcount);
			opinfo = NULL;
		}
	}
	rcu_read_unlock();

	return opinfo;
}

void opinfo_put(struct oplock_info *opinfo)
{
	if (!atomic_dec_and_test(&opinfo->refcount))
		return;
	kfree(opinfo);
}

MODULE_LICENSE("GPL");
