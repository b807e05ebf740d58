/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modelled on include/linux/sched/mm.h (Linux 6.1): the struct and its
 * get/put helpers live in a header, the open-coded uses in .c files.
 */
#ifndef LMM_H
#define LMM_H
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/slab.h>

struct lmm {
	atomic_t mm_count;
	atomic_t mm_users;
	unsigned long flags;
};

void __lmmdrop(struct lmm *mm);

static inline void lmmgrab(struct lmm *mm)
{
	atomic_inc(&mm->mm_count);
}

static inline void lmmdrop(struct lmm *mm)
{
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__lmmdrop(mm);
}

#endif
