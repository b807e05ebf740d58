/*
 * Modelled on kernel/fork.c (Linux 6.1): a call split over two lines,
 * which a line-based sed does not see.
 * Positive: converted like a one-line call.
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

struct task {
	struct lmm *active_mm;
};

void copy_active(struct task *tsk, struct lmm *oldmm)
{
	tsk->active_mm = oldmm;
	atomic_inc(
		&oldmm->mm_count);
}

MODULE_LICENSE("GPL");
