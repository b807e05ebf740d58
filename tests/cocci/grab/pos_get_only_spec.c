/*
 * Modelled on mm/ksm.c (Linux 6.1) with a spec line that names no put
 * helper: gets convert, the release idiom is kept and reported.
 * Positive.
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

void ksm_enter(struct lmm *mm)
{
	atomic_inc(&mm->mm_count);
}

void ksm_exit(struct lmm *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		__lmmdrop(mm);
}

MODULE_LICENSE("GPL");
