/*
 * Modelled on fs/exec.c (Linux 6.1): the idiom calls a different release
 * function than lmmdrop() does.
 * Negative: PUT(x) would release differently; kept and reported.
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

void lmm_free_now(struct lmm *mm)
{
	kfree(mm);
}

void exec_drop(struct lmm *mm)
{
	if (atomic_dec_and_test(&mm->mm_count))
		lmm_free_now(mm);
}

MODULE_LICENSE("GPL");
