/*
 * Modelled on drivers/iommu code that keeps an opaque pointer (void *)
 * to the mm (Linux 6.1): the object is reached through a cast.
 * Positive: the cast expression is the argument of GET.
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

void iommu_bind(void *data)
{
	atomic_inc(&((struct lmm *)data)->mm_count);
}

MODULE_LICENSE("GPL");
