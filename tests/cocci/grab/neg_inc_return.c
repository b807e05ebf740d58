/*
 * Modelled on kernel/fork.c (Linux 6.1): an increment whose result is
 * used is not a plain get.
 * Negative.
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

int grab_and_count(struct lmm *mm)
{
	return atomic_inc_return(&mm->mm_count);
}

MODULE_LICENSE("GPL");
