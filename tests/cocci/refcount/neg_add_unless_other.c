/*
 * Modelled on drivers/gpu/drm/i915/gt/intel_timeline.c (Linux 6.1): the
 * timeline pin fast path is atomic_add_unless(&tl->pin_count, 1, 0), i.e.
 * "increment unless zero"; unpin drops it with atomic_dec_and_test().
 * Negative: add_unless with arguments other than (-1, 1) is not in the table
 * (even though it means inc_not_zero), so the field stays atomic_t.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct intel_timeline {
	struct mutex mutex;
	atomic_t pin_count;
};

void intel_timeline_init(struct intel_timeline *tl)
{
	mutex_init(&tl->mutex);
	atomic_set(&tl->pin_count, 1);
}

int intel_timeline_pin(struct intel_timeline *tl)
{
	if (atomic_add_unless(&tl->pin_count, 1, 0))
		return 0;
	return -ENOENT;
}

void intel_timeline_unpin(struct intel_timeline *tl)
{
	if (!atomic_dec_and_test(&tl->pin_count))
		return;
	mutex_lock(&tl->mutex);
	mutex_unlock(&tl->mutex);
}

MODULE_LICENSE("GPL");
