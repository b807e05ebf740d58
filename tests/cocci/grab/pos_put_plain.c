/*
 * Modelled on kernel/sched/core.c finish_task_switch() (Linux 6.1): the
 * release idiom without unlikely().
 * Positive: -> lmmdrop(mm); the get in the same function converts too.
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

void switch_mm_ref(struct lmm *prev, struct lmm *next)
{
	atomic_inc(&next->mm_count);
	if (atomic_dec_and_test(&prev->mm_count))
		__lmmdrop(prev);
}

MODULE_LICENSE("GPL");
