/*
 * Modelled on drivers/w1/w1_netlink.c (Linux 6.1): a w1_cb_block is shared by
 * the netlink reply and the pending commands; each holder drops its reference
 * with atomic_sub_return(1, &block->refcnt) == 0 and the last one frees it.
 * Negative: atomic_sub_return blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

struct w1_cb_block {
	atomic_t refcnt;
	u32 portid;
	u16 maxlen;
};

struct w1_cb_block *w1_alloc_block(u16 maxlen, u32 portid)
{
	struct w1_cb_block *block;

	block = kzalloc(sizeof(*block), GFP_KERNEL);
	if (!block)
		return NULL;
	block->portid = portid;
	block->maxlen = maxlen;
	atomic_set(&block->refcnt, 1);
	return block;
}

void w1_hold_block(struct w1_cb_block *block)
{
	atomic_inc(&block->refcnt);
}

void w1_unref_block(struct w1_cb_block *block)
{
	if (atomic_sub_return(1, &block->refcnt) == 0)
		kfree(block);
}

bool w1_put_last_block(struct w1_cb_block *block)
{
	return atomic_dec_and_test(&block->refcnt);
}

MODULE_LICENSE("GPL");
