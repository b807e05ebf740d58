/*
 * Modelled on io_uring/refs.h and io_uring/io_uring.c (Linux 6.1): a request
 * is set up with one reference, takes several more at once when it is
 * linked (__io_req_set_refcount() sets nr; here atomic_add(nr, ...)), and the
 * put that drops the last one frees it; several are dropped at once with
 * atomic_sub_and_test.
 * Positive: add and sub_and_test keep their first argument.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct io_kiocb {
	atomic_t refs;
	unsigned int flags;
};

struct io_kiocb *io_alloc_req(void)
{
	struct io_kiocb *req = kzalloc(sizeof(*req), GFP_KERNEL);

	if (req)
		atomic_set(&req->refs, 1);
	return req;
}

void io_req_add_refs(struct io_kiocb *req, int nr)
{
	atomic_add(nr, &req->refs);
}

void io_free_req(struct io_kiocb *req)
{
	kfree(req);
}

void io_put_req(struct io_kiocb *req)
{
	if (atomic_dec_and_test(&req->refs))
		io_free_req(req);
}

void io_put_req_refs(struct io_kiocb *req, int nr)
{
	if (atomic_sub_and_test(nr, &req->refs))
		io_free_req(req);
}

MODULE_LICENSE("GPL");
