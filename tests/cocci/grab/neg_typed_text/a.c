/*
 * Modelled on the mmgrab() call sites of Linux 6.1 with mmgrab() inlined
 * back, where spatch cannot type the object and the tree's text does not
 * settle it either.
 * Negative: kept and reported. glob_lmm is declared with another type
 * under #ifdef, m is declared with a typedef the decide step does not
 * resolve, lhold.mm has another type under #ifdef, and other_glob is a
 * struct lother, not the spec's struct lmm.
 */
#include <linux/module.h>
#include "lmm.h"

void __lmmdrop(struct lmm *mm)
{
	kfree(mm);
}

void grab_glob(void)
{
	atomic_inc(&glob_lmm.mm_count);
}

void grab_typedef(lmm_t *m)
{
	atomic_inc(&m->mm_count);
}

void grab_ifdef(struct lhold *h)
{
	atomic_inc(&h->mm->mm_count);
}

void grab_other(void)
{
	atomic_inc(&other_glob.mm_count);
}

MODULE_LICENSE("GPL");
