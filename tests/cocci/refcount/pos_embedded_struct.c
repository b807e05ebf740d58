/*
 * Modelled on drivers/md/dm-crypt.c (Linux 6.1): a pending count lives in
 * struct convert_context, embedded in struct dm_crypt_io; it is set to 1 at
 * init, taken per crypto request through the context pointer, and dropped
 * through &io->ctx.cc_pending; here the last drop ends the I/O and frees it
 * (as crypt_dec_pending() does for io_pending).
 * Positive: &x->sub.F and &x->F forms of the same field both convert.
 */
#include <linux/atomic.h>
#include <linux/bio.h>
#include <linux/module.h>
#include <linux/slab.h>

struct convert_context {
	struct bio *bio_in;
	sector_t cc_sector;
	atomic_t cc_pending;
};

struct dm_crypt_io {
	struct bio *base_bio;
	struct convert_context ctx;
	blk_status_t error;
};

void crypt_convert_init(struct convert_context *ctx, struct bio *bio_in,
			sector_t sector)
{
	ctx->bio_in = bio_in;
	ctx->cc_sector = sector;
	atomic_set(&ctx->cc_pending, 1);
}

void crypt_convert_block(struct convert_context *ctx)
{
	atomic_inc(&ctx->cc_pending);
	ctx->cc_sector++;
}

void crypt_io_free(struct dm_crypt_io *io)
{
	bio_endio(io->base_bio);
	kfree(io);
}

void kcryptd_async_done(struct convert_context *ctx)
{
	struct dm_crypt_io *io = container_of(ctx, struct dm_crypt_io, ctx);

	if (atomic_dec_and_test(&io->ctx.cc_pending))
		crypt_io_free(io);
}

MODULE_LICENSE("GPL");
