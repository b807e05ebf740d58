/*
 * Modelled on in-flight counters with a bias (Linux 6.1: drivers' drain
 * counters): the put path frees the request (mempool_free(req)) on every
 * path, not the device whose count reached zero.
 * Negative: a free of something else is no evidence.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/mempool.h>
#include <linux/completion.h>

struct xdev {
	mempool_t *pool;
	atomic_t inflight;		/* in-flight requests + 1 while running */
	struct completion drained;
};

struct xreq {
	struct xdev *dev;
	void *data;
};

int xdev_init(struct xdev *dev)
{
	init_completion(&dev->drained);
	atomic_set(&dev->inflight, 1);
	return 0;
}

void xdev_submit(struct xdev *dev, struct xreq *req)
{
	atomic_inc(&dev->inflight);
	req->dev = dev;
}

void xreq_done(struct xreq *req)
{
	struct xdev *dev = req->dev;

	if (atomic_dec_and_test(&dev->inflight))
		complete(&dev->drained);
	mempool_free(req, dev->pool);
}

/* quiesce: drop the running bias and wait for the in-flight requests */
void xdev_suspend(struct xdev *dev)
{
	reinit_completion(&dev->drained);
	if (!atomic_dec_and_test(&dev->inflight))
		wait_for_completion(&dev->drained);
}

/* take the running bias again */
void xdev_resume(struct xdev *dev)
{
	atomic_inc(&dev->inflight);
}
