/*
 * Modelled on drivers/most/core.c (Linux 6.1) like pos_set_zero_no_inc.c,
 * plus the re-arm path of a channel that hands a buffer back with
 * atomic_inc(&c->mbo_ref): the count starts at the number of buffers
 * (non-zero), but stopping the channel resets it to 0 and a later re-arm
 * would increment it from 0.
 * Negative: set to the literal 0 somewhere and incremented somewhere
 * (rule 4), even though a non-zero initialisation exists too.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/module.h>

struct most_channel {
	struct completion cleanup;
	atomic_t mbo_ref;
};

void most_start_channel(struct most_channel *c, unsigned int num_buffer)
{
	init_completion(&c->cleanup);
	atomic_set(&c->mbo_ref, num_buffer);
}

void arm_mbo(struct most_channel *c)
{
	atomic_inc(&c->mbo_ref);
}

void most_put_mbo(struct most_channel *c)
{
	if (atomic_sub_and_test(1, &c->mbo_ref))
		complete(&c->cleanup);
}

void most_stop_channel(struct most_channel *c)
{
	wait_for_completion(&c->cleanup);
	atomic_set(&c->mbo_ref, 0);
}

MODULE_LICENSE("GPL");
