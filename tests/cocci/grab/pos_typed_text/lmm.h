/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modelled on include/linux/mm_types.h, include/linux/sched/mm.h and
 * asm/current.h (Linux 6.1): a global mm declared in a header (init_mm),
 * a task reached through a macro (current -> get_current()), and structs
 * whose mm members are declared here, where spatch (--no-includes) does not
 * look.
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

extern struct lmm init_lmm;

struct ltask {
	struct lmm *mm, *active_mm;
	struct {
		struct lmm *oom_mm;
	};
};

struct lnotifier {
	struct lmm *mm;
};

struct lhandler {
	struct lnotifier mn;
	struct ltask *owner;
};

extern struct ltask *lcurrent_task;

static __always_inline struct ltask *get_lcurrent(void)
{
	return lcurrent_task;
}

#define lcurrent get_lcurrent()

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
