/*
 * Modelled on drivers/md/dm-writecache.c (Linux 6.1): ssd_commit_flushed()
 * builds a struct io_notify on the stack with a positional initializer whose
 * count is ATOMIC_INIT(1), takes one reference per dm_io() and drops them in
 * writecache_notify_io(); atomic_read() is only compared.
 * Negative: BUG_ON(atomic_read() <= 0) would test "== 0" once
 * refcount_read() returns unsigned int (and the count is a countdown on the
 * stack too).
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/module.h>

struct io_notify {
	void *wc;
	struct completion c;
	atomic_t count;
};

void writecache_notify_io(unsigned long error, void *context)
{
	struct io_notify *endio = context;

	BUG_ON(atomic_read(&endio->count) <= 0);
	if (atomic_dec_and_test(&endio->count))
		complete(&endio->c);
}

void ssd_commit_flushed(void *wc, unsigned int nr_regions)
{
	struct io_notify endio = {
		wc,
		COMPLETION_INITIALIZER_ONSTACK(endio.c),
		ATOMIC_INIT(1),
	};
	unsigned int i;

	for (i = 0; i < nr_regions; i++) {
		atomic_inc(&endio.count);
		writecache_notify_io(0, &endio);
	}

	writecache_notify_io(0, &endio);
	wait_for_completion_io(&endio.c);
}

MODULE_LICENSE("GPL");
