/*
 * Modelled on mm/khugepaged.c __khugepaged_enter() (Linux 6.1, before mmgrab():
 * seed 001): a pointer to the struct gets an extra reference.
 * Positive: atomic_inc(&mm->mm_count) -> lmmgrab(mm).
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

struct slot {
	struct lmm *mm;
};

void khugepaged_enter(struct slot *slot, struct lmm *mm)
{
	slot->mm = mm;
	atomic_inc(&mm->mm_count);
}

MODULE_LICENSE("GPL");
