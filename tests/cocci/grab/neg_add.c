/*
 * Modelled on drivers/gpu/drm/i915 pin counts (Linux 6.1): atomic_add(2)
 * is two references, not GET.
 * Negative: only single increments convert.
 */
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/slab.h>

struct lmm {
	atomic_t mm_count;
	atomic_t mm_users;
	unsigned long flags;
};

void __lmmdrop(struct lmm *mm)
{
	kfree(mm);
}

static inline void lmmgrab(struct lmm *mm)
{
	atomic_inc(&mm->mm_count);
}

static inline void lmmdrop(struct lmm *mm)
{
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__lmmdrop(mm);
}

void grab_two(struct lmm *mm)
{
	atomic_add(2, &mm->mm_count);
}

MODULE_LICENSE("GPL");
