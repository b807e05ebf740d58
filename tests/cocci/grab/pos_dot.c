/*
 * Modelled on arch/x86/kernel/cpu/common.c cpu_init() (Linux 6.1): the
 * static init_mm takes a reference with atomic_inc(&init_mm.mm_count).
 * Positive: &X.F on a struct object -> GET(&X).
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

static struct lmm init_lmm = {
	.mm_count = ATOMIC_INIT(1),
};

struct lmm *cpu_init_mm(void)
{
	atomic_inc(&init_lmm.mm_count);
	return &init_lmm;
}

MODULE_LICENSE("GPL");
