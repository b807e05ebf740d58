/*
 * Modelled on drivers/gpu/drm/amd/amdkfd/kfd_svm.c (Linux 6.1): a work item
 * holds the mm it was queued for (svm_work_list_item.mm), next to uses of
 * current->mm.
 * Positive: current is a macro spatch cannot type, but current->mm is the
 * task's field, not the holder's: it neither keeps nor changes the field.
 */
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>

struct my_work_item {
	int op;
	struct mm_struct *mm;
};

void my_work_queue(struct my_work_item *w)
{
	mmgrab(current->mm);
	w->mm = current->mm;
}

bool my_work_is_current(struct my_work_item *w)
{
	return w->mm == current->mm;
}

void my_work_done(struct my_work_item *w)
{
	mmdrop(w->mm);
	w->mm = NULL;
}

MODULE_LICENSE("GPL");
