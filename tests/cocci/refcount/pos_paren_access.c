/*
 * Modelled on drivers/block/xen-blkback/common.h and xenbus.c (Linux 6.1):
 * xen_blkif refcnt set to 1 at allocation; get/put are macros that use
 * &(_b)->refcnt, the last put schedules the free work.
 * Positive: the &(x)->F form inside the macro bodies converts as well.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

struct xen_blkif {
	unsigned int domid;
	atomic_t refcnt;
	struct work_struct free_work;
};

#define xen_blkif_get(_b) (atomic_inc(&(_b)->refcnt))
#define xen_blkif_put(_b)				\
	do {						\
		if (atomic_dec_and_test(&(_b)->refcnt))	\
			schedule_work(&(_b)->free_work);\
	} while (0)

void xen_blkif_deferred_free(struct work_struct *work)
{
	struct xen_blkif *blkif;

	blkif = container_of(work, struct xen_blkif, free_work);
	kfree(blkif);
}

struct xen_blkif *xen_blkif_alloc(unsigned int domid)
{
	struct xen_blkif *blkif;

	blkif = kzalloc(sizeof(*blkif), GFP_KERNEL);
	if (!blkif)
		return NULL;

	blkif->domid = domid;
	atomic_set(&blkif->refcnt, 1);
	INIT_WORK(&blkif->free_work, xen_blkif_deferred_free);
	return blkif;
}

void xen_blkif_ring_start(struct xen_blkif *blkif)
{
	xen_blkif_get(blkif);
}

void xen_blkif_ring_stop(struct xen_blkif *blkif)
{
	xen_blkif_put(blkif);
}

MODULE_LICENSE("GPL");
