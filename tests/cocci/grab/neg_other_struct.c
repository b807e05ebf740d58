/*
 * Modelled on seed 001's sed lines: another struct with a field called
 * mm_count (an invented counter of a driver) must not become lmmgrab().
 * Negative: matching is by type, not by field name.
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

struct mm_stats {
	atomic_t mm_count;
};

void stats_note(struct mm_stats *st, struct mm_stats snap)
{
	atomic_inc(&st->mm_count);
	atomic_inc(&snap.mm_count);
}

MODULE_LICENSE("GPL");
