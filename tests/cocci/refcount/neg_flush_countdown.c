/*
 * Modelled on drivers/block/drbd/drbd_receiver.c (Linux 6.1): drbd_flush()
 * keeps an issue_flush_context on the stack, sets ctx.pending to 1, takes one
 * reference per submitted flush bio and drops its own with &ctx.pending.
 * Negative: an in-flight counter with a bias; zero completes a waiter that
 * frees nothing (the context is on the stack): a countdown.
 */
#include <linux/atomic.h>
#include <linux/bio.h>
#include <linux/blkdev.h>
#include <linux/completion.h>
#include <linux/module.h>

struct issue_flush_context {
	atomic_t pending;
	int error;
	struct completion done;
};

void one_flush_endio(struct bio *bio)
{
	struct issue_flush_context *ctx = bio->bi_private;

	if (bio->bi_status)
		ctx->error = blk_status_to_errno(bio->bi_status);
	bio_put(bio);

	if (atomic_dec_and_test(&ctx->pending))
		complete(&ctx->done);
}

void submit_one_flush(struct block_device *bdev, struct issue_flush_context *ctx)
{
	struct bio *bio = bio_alloc(bdev, 0, REQ_OP_WRITE | REQ_PREFLUSH, GFP_NOIO);

	bio->bi_private = ctx;
	bio->bi_end_io = one_flush_endio;
	atomic_inc(&ctx->pending);
	submit_bio(bio);
}

int drbd_flush(struct block_device **bdevs, int nr)
{
	struct issue_flush_context ctx;
	int i;

	atomic_set(&ctx.pending, 1);
	ctx.error = 0;
	init_completion(&ctx.done);

	for (i = 0; i < nr; i++)
		submit_one_flush(bdevs[i], &ctx);

	if (!atomic_dec_and_test(&ctx.pending))
		wait_for_completion(&ctx.done);

	return ctx.error;
}

MODULE_LICENSE("GPL");
