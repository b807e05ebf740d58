/*
 * Modelled on drivers/md/dm-crypt.c (Linux 6.1): cc_pending lives in struct
 * convert_context, which is embedded in struct dm_crypt_io; it is set to 1 by
 * crypt_convert_init(), taken per crypto request and dropped both through the
 * context pointer and through &io->ctx.cc_pending. (The real file also has
 * plain atomic_dec() error paths, see neg_plain_dec.c; they are left out here.)
 * Negative: the count is taken again with atomic_inc, but the last drop only
 * submits the bio and frees nothing, so nothing shows that it is never
 * counted up from 0 again: kept atomic_t (pos_embedded_struct.c converts the
 * same forms when the last drop frees the object).
 */
#include <linux/atomic.h>
#include <linux/bio.h>
#include <linux/module.h>

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

void kcryptd_crypt_write_io_submit(struct dm_crypt_io *io)
{
	bio_endio(io->base_bio);
}

void kcryptd_async_done(struct convert_context *ctx)
{
	struct dm_crypt_io *io = container_of(ctx, struct dm_crypt_io, ctx);

	if (atomic_dec_and_test(&io->ctx.cc_pending))
		kcryptd_crypt_write_io_submit(io);
}

MODULE_LICENSE("GPL");
