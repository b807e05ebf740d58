/*
 * Modelled on drivers/gpu/drm/i915/i915_active.c (Linux 6.1): an
 * i915_active's count is taken with atomic_fetch_inc() so that the caller
 * that moves it from 0 can run the activation callback, and dropped with
 * atomic_dec_and_test() to retire it.
 * Negative: atomic_fetch_inc blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct i915_active {
	atomic_t count;
	struct mutex mutex;
	int (*active)(struct i915_active *ref);
	void (*retire)(struct i915_active *ref);
};

void __i915_active_init(struct i915_active *ref)
{
	mutex_init(&ref->mutex);
	atomic_set(&ref->count, 1);
}

int i915_active_acquire(struct i915_active *ref)
{
	int err = 0;

	mutex_lock(&ref->mutex);
	if (!atomic_fetch_inc(&ref->count) && ref->active)
		err = ref->active(ref);
	mutex_unlock(&ref->mutex);
	return err;
}

void i915_active_release(struct i915_active *ref)
{
	if (atomic_dec_and_test(&ref->count) && ref->retire)
		ref->retire(ref);
}

MODULE_LICENSE("GPL");
