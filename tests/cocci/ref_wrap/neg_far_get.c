/*
 * Modelled on drivers/gpu/drm/amd/amdkfd/kfd_process.c (Linux 6.1),
 * create_process(): the mm pointer is stored, other set-up runs, and the
 * reference is taken later in the function.
 * Negative: the store and mmgrab() are not next to each other; the field is
 * kept and reported instead of moving the get.
 */
#include <linux/module.h>
#include <linux/sched/mm.h>

struct my_process {
	struct mm_struct *mm;
	int pasid;
	bool is_32bit;
};

void my_process_setup(struct my_process *p, struct mm_struct *mm)
{
	p->mm = mm;
	p->pasid = 0;
	p->is_32bit = false;
	mmgrab(mm);
}

void my_process_teardown(struct my_process *p)
{
	mmdrop(p->mm);
	p->mm = NULL;
}

MODULE_LICENSE("GPL");
