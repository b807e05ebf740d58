/*
 * Modelled on arch/x86/kernel/cpu/common.c mmgrab(&init_mm), virt/kvm/
 * kvm_main.c mmgrab(current->mm), kernel/sched/core.c
 * mmgrab(prev->active_mm) and drivers/infiniband/hw/hfi1/mmu_rb.c
 * mmgrab(handler->mn.mm) (Linux 6.1), with mmgrab() inlined back.
 * Positive: spatch cannot type these objects, the decide step types them
 * from lmm.h: a global, a macro expanding to a function's result, members
 * (also of an anonymous struct and of an embedded struct).
 */
#include <linux/module.h>
#include "lmm.h"

void __lmmdrop(struct lmm *mm)
{
	kfree(mm);
}

void cpu_init_lmm(void)
{
	atomic_inc(&init_lmm.mm_count);
}

void create_vm_lmm(void)
{
	atomic_inc(&lcurrent->mm->mm_count);
}

void switch_lmm(struct ltask *prev)
{
	atomic_inc(&prev->active_mm->mm_count);
	atomic_inc(&prev->oom_mm->mm_count);
}

void unregister_lmm(struct lhandler *handler)
{
	atomic_inc(&handler->mn.mm->mm_count);
	atomic_inc(&handler->owner->mm->mm_count);
}

MODULE_LICENSE("GPL");
