/*
 * Modelled on drivers/gpu/drm/amd/amdkfd (Linux 6.1) after an earlier run:
 * one mm_struct holder is already converted, and a new holder was added
 * since with a plain pointer (seed 001's mmgrab/mmdrop).
 * Positive: the new holder converts; the DECLARE_REF and the #include of
 * the earlier run are reused, not added again.
 */
#include <linux/module.h>
#include <linux/sched/mm.h>
#include <linux/ref_wrap.h>

DECLARE_REF(mm_struct, struct mm_struct, mmgrab, mmdrop);

struct my_process {
	struct mm_struct_ref mm;
};

struct my_bo {
	struct mm_struct *mm;
	u64 size;
};

void my_process_init(struct my_process *p, struct mm_struct *mm)
{
	ref_acquire(mm_struct, &p->mm, mm);
}

void my_bo_init(struct my_bo *bo, struct my_process *p)
{
	mmgrab(ref_ptr(mm_struct, &p->mm));
	bo->mm = ref_ptr(mm_struct, &p->mm);
}

void my_bo_fini(struct my_bo *bo)
{
	mmdrop(bo->mm);
	bo->mm = NULL;
}

MODULE_LICENSE("GPL");
