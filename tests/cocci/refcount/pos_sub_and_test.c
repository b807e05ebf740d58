/*
 * Modelled on drivers/block/drbd/drbd_req.c (Linux 6.1): completion_ref set
 * to 1 at request creation, one reference taken per pending stage, several
 * dropped at once with atomic_sub_and_test(put, ...); atomic_read() used in
 * a comparison and in an error message.
 * Positive: sub_and_test keeps its arguments, read in == 0 and printk is fine.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

struct drbd_request {
	unsigned int rq_state;
	atomic_t completion_ref;
};

void drbd_req_init(struct drbd_request *req)
{
	req->rq_state = 0;
	atomic_set(&req->completion_ref, 1);
}

void drbd_req_get_stage(struct drbd_request *req)
{
	atomic_inc(&req->completion_ref);
}

void drbd_req_destroy(struct drbd_request *req)
{
	if (atomic_read(&req->completion_ref) != 0)
		pr_err("drbd_req_destroy: Logic BUG completion_ref = %d\n",
		       atomic_read(&req->completion_ref));
	kfree(req);
}

void drbd_req_put_completion_ref(struct drbd_request *req, int put)
{
	if (!atomic_sub_and_test(put, &req->completion_ref))
		return;

	drbd_req_destroy(req);
}

MODULE_LICENSE("GPL");
