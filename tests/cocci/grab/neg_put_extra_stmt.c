/*
 * Modelled on mm/oom_kill.c (Linux 6.1): the release branch does more
 * than the release function.
 * Negative: PUT would drop the extra statement; kept and reported.
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

void oom_drop(struct lmm *mm)
{
	if (atomic_dec_and_test(&mm->mm_count)) {
		mm->flags = 0;
		__lmmdrop(mm);
	}
}

MODULE_LICENSE("GPL");
