/*
 * Modelled on mm/mmu_notifier.c (Linux 6.1): mm_users of the same struct
 * is another count with another helper (mmget).
 * Negative: only the spec's field converts.
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

void notifier_get(struct lmm *mm)
{
	atomic_inc(&mm->mm_users);
}

MODULE_LICENSE("GPL");
