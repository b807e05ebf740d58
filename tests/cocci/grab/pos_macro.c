/*
 * Modelled on arch/powerpc/kernel/smp.c (Linux 6.1): the object comes from
 * a macro defined in the same file, which spatch expands to type it.
 * Positive: the macro call is the argument of GET.
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

extern struct lmm *lmm_table[4];
#define cur_lmm(i) (lmm_table[(i) & 3])

void kvm_create(int i)
{
	atomic_inc(&cur_lmm(i)->mm_count);
}

MODULE_LICENSE("GPL");
