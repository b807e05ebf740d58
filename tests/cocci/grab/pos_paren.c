/*
 * Modelled on the sed-unfriendly spellings in kernel/sched/core.c and
 * macro bodies: &(X)->F and &(X->F).
 * Positive: both become GET(X) without the parentheses.
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

void context_switch_grab(struct lmm *prev, struct lmm *next)
{
	atomic_inc(&(prev)->mm_count);
	atomic_inc(&(next->mm_count));
}

MODULE_LICENSE("GPL");
