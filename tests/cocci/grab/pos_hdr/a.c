/*
 * Modelled on kernel/exit.c and mm/oom_kill.c (Linux 6.1): a .c file that
 * open-codes the get and the put of a struct declared in lmm.h.
 * Positive, across files: the put converts because lmmdrop()'s body, seen
 * in the header, is exactly the idiom.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include "lmm.h"

void __lmmdrop(struct lmm *mm)
{
	kfree(mm);
}

void exit_mm_ref(struct lmm *mm)
{
	atomic_inc(&mm->mm_count);
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__lmmdrop(mm);
}

MODULE_LICENSE("GPL");
