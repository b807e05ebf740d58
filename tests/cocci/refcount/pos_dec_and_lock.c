/*
 * Modelled on fs/nfsd/nfs4state.c (Linux 6.1): nfs4_stateowner so_count, set
 * to 1 at allocation, taken with atomic_inc, and the last put unhashes the
 * owner from the client's list under cl_lock via atomic_dec_and_lock().
 * Positive: the get takes its reference with atomic_inc_not_zero, so an owner
 * that reached 0 under cl_lock is never revived; set, inc_not_zero and
 * dec_and_lock convert.
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct nfs4_client {
	spinlock_t cl_lock;
	struct list_head cl_openowners;
};

struct nfs4_stateowner {
	struct list_head so_strhash;
	struct nfs4_client *so_client;
	atomic_t so_count;
};

struct nfs4_stateowner *alloc_stateowner(struct nfs4_client *clp)
{
	struct nfs4_stateowner *sop;

	sop = kzalloc(sizeof(*sop), GFP_KERNEL);
	if (!sop)
		return NULL;
	sop->so_client = clp;
	atomic_set(&sop->so_count, 1);
	spin_lock(&clp->cl_lock);
	list_add(&sop->so_strhash, &clp->cl_openowners);
	spin_unlock(&clp->cl_lock);
	return sop;
}

void nfs4_get_stateowner(struct nfs4_stateowner *sop)
{
	WARN_ON(!atomic_inc_not_zero(&sop->so_count));
}

void nfs4_put_stateowner(struct nfs4_stateowner *sop)
{
	struct nfs4_client *clp = sop->so_client;

	might_lock(&clp->cl_lock);

	if (!atomic_dec_and_lock(&sop->so_count, &clp->cl_lock))
		return;
	list_del_init(&sop->so_strhash);
	spin_unlock(&clp->cl_lock);
	kfree(sop);
}

MODULE_LICENSE("GPL");
