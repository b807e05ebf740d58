/*
 * Modelled on drivers/gpu/drm/i915/gt/uc/intel_guc_submission.c and
 * gt/intel_context.c (Linux 6.1): a parent context pins its children two
 * references at a time with atomic_add(2, ...) and unpins them with
 * atomic_sub_and_test(sub, ...); here the pin count starts at 1 when the
 * context is created. (The real pin_count also uses atomic_add_unless and
 * atomic_fetch_add_unless, which this case leaves out.)
 * Negative: a pin count goes back to 0 when the context is unpinned and is
 * pinned again with atomic_add from 0 (the real code does exactly that), and
 * the release frees nothing; refcount_add from 0 would warn and saturate.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct intel_context {
	atomic_t pin_count;
	struct mutex pin_mutex;
	struct intel_context *parent;
};

void intel_context_init(struct intel_context *ce)
{
	mutex_init(&ce->pin_mutex);
	atomic_set(&ce->pin_count, 1);
}

void guc_child_context_pin(struct intel_context *ce)
{
	atomic_add(2, &ce->pin_count);
}

bool intel_context_unpin(struct intel_context *ce, int sub)
{
	if (!atomic_sub_and_test(sub, &ce->pin_count))
		return false;

	mutex_lock(&ce->pin_mutex);
	ce->parent = NULL;
	mutex_unlock(&ce->pin_mutex);
	return true;
}

MODULE_LICENSE("GPL");
