/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modelled on include/linux/mm_types.h and include/linux/sched/mm.h
 * (Linux 6.1): the declarations the decide step reads when spatch cannot
 * type an object, here each of them in doubt.
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

struct lother {
	atomic_t mm_count;
};

typedef struct lmm lmm_t;

#ifdef CONFIG_LMM_GLOB_OTHER
extern struct lother glob_lmm;
#else
extern struct lmm glob_lmm;
#endif
extern struct lother other_glob;

struct lhold {
#ifdef CONFIG_LHOLD_OTHER
	struct lother *mm;
#else
	struct lmm *mm;
#endif
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
