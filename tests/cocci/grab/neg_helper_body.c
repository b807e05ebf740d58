/*
 * Modelled on include/linux/sched/mm.h (Linux 6.1): mmgrab() and
 * mmdrop() themselves are the open-coded idiom.
 * Negative: GET and PUT are never rewritten into calls to themselves.
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

struct lmm *lmm_alloc(void)
{
	struct lmm *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (mm)
		lmmgrab(mm);
	return mm;
}

MODULE_LICENSE("GPL");
