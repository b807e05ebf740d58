/*
 * Modelled on drivers/most/core.c (Linux 6.1): mbo_ref is set to the number
 * of buffers when a channel starts, each returned buffer drops one with
 * atomic_sub_and_test(1, ...), and stopping the channel resets it to 0.
 * Negative: armed to the number of buffers each round, zero completes the
 * channel's stop: a countdown, not a reference count.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/module.h>

struct most_channel {
	struct completion cleanup;
	atomic_t mbo_ref;
	u16 channel_id;
};

int most_start_channel(struct most_channel *c, unsigned int num_buffer)
{
	if (!num_buffer)
		return -ENOMEM;
	init_completion(&c->cleanup);
	atomic_set(&c->mbo_ref, num_buffer);
	return 0;
}

void flush_channel_fifos(struct most_channel *c)
{
	if (atomic_sub_and_test(1, &c->mbo_ref))
		complete(&c->cleanup);
}

int most_stop_channel(struct most_channel *c)
{
	wait_for_completion(&c->cleanup);
	atomic_set(&c->mbo_ref, 0);
	return 0;
}

MODULE_LICENSE("GPL");
