/*
 * Modelled on seed 001 and drivers/gpu/drm/amd/amdkfd/kfd_process.c
 * (Linux 6.1): a process context keeps the mm_struct alive with mmgrab()
 * and drops it with mmdrop() (<linux/sched/mm.h>).
 * Positive: the seed's typed struct ref wrapper for mm_struct.
 */
#include <linux/module.h>
#include <linux/sched/mm.h>

struct proc_ctx {
	struct mm_struct *mm;
	int pasid;
};

void proc_ctx_bind(struct proc_ctx *p, struct mm_struct *mm)
{
	mmgrab(mm);
	p->mm = mm;
}

unsigned long proc_ctx_task_size(struct proc_ctx *p)
{
	return p->mm->task_size;
}

void proc_ctx_unbind(struct proc_ctx *p)
{
	mmdrop(p->mm);
	p->mm = NULL;
}

MODULE_LICENSE("GPL");
