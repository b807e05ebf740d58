/*
 * Modelled on fs/smb/server/oplock.c (Linux 6.1): oplock_info refcount set to
 * 1 at allocation, looked up under rcu_read_lock() with atomic_inc_not_zero(),
 * last put frees through call_rcu() and container_of().
 * Positive: set/inc_not_zero/dec_and_test convert.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

struct oplock_info {
	int level;
	atomic_t refcount;
	struct rcu_head rcu_head;
};

struct ksmbd_file {
	struct oplock_info __rcu *f_opinfo;
};

struct oplock_info *alloc_opinfo(void)
{
	struct oplock_info *opinfo;

	opinfo = kzalloc(sizeof(struct oplock_info), GFP_KERNEL);
	if (!opinfo)
		return NULL;
	atomic_set(&opinfo->refcount, 1);
	return opinfo;
}

void opinfo_free_rcu(struct rcu_head *rcu_head)
{
	struct oplock_info *opinfo;

	opinfo = container_of(rcu_head, struct oplock_info, rcu_head);
	kfree(opinfo);
}

struct oplock_info *opinfo_get(struct ksmbd_file *fp)
{
	struct oplock_info *opinfo;

	rcu_read_lock();
	opinfo = rcu_dereference(fp->f_opinfo);
	if (opinfo && !atomic_inc_not_zero(&opinfo->refcount))
		opinfo = NULL;
	rcu_read_unlock();

	return opinfo;
}

void opinfo_put(struct oplock_info *opinfo)
{
	if (!atomic_dec_and_test(&opinfo->refcount))
		return;

	call_rcu(&opinfo->rcu_head, opinfo_free_rcu);
}

MODULE_LICENSE("GPL");
