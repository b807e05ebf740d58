/*
 * Modelled on include/linux/sched/mm.h (Linux 6.1) with a put helper that
 * does more than the idiom (a debug message).
 * Negative for the put: the idiom is kept; the get still converts.
 */
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/printk.h>
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
	if (mm->flags)
		pr_debug("dropping mm %p\n", mm);
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__lmmdrop(mm);
}

void drop_it(struct lmm *mm)
{
	atomic_inc(&mm->mm_count);
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__lmmdrop(mm);
}

MODULE_LICENSE("GPL");
