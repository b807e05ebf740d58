/*
 * Modelled on fs/btrfs/extent_io.c (Linux 6.1): free_extent_buffer() drops
 * references lock-free with an atomic_try_cmpxchg() loop while more than a
 * few are held, and takes refs_lock for the last ones; alloc sets refs to 1.
 * Negative: atomic_try_cmpxchg blocks the field (arithmetic on the value read
 * from it, refs - 1, is done on a local, not on atomic_read()).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct extent_buffer {
	u64 start;
	spinlock_t refs_lock;
	atomic_t refs;
};

struct extent_buffer *__alloc_extent_buffer(u64 start)
{
	struct extent_buffer *eb = kzalloc(sizeof(*eb), GFP_NOFS);

	if (!eb)
		return NULL;
	eb->start = start;
	spin_lock_init(&eb->refs_lock);
	atomic_set(&eb->refs, 1);
	return eb;
}

void free_extent_buffer(struct extent_buffer *eb)
{
	int refs;

	if (!eb)
		return;

	refs = atomic_read(&eb->refs);
	while (refs > 3) {
		if (atomic_try_cmpxchg(&eb->refs, &refs, refs - 1))
			return;
	}

	spin_lock(&eb->refs_lock);
	if (atomic_dec_and_test(&eb->refs)) {
		spin_unlock(&eb->refs_lock);
		kfree(eb);
		return;
	}
	spin_unlock(&eb->refs_lock);
}

MODULE_LICENSE("GPL");
