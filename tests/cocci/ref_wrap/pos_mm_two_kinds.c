/*
 * Modelled on include/linux/sched.h and kernel/sched/core.c (Linux 6.1):
 * a task holds its mm with mmget()/mmput() (mm_users) and its active_mm
 * with mmgrab()/mmdrop() (mm_count): two kinds of reference on one type.
 * Positive for the spec's pair: "ref mm_struct mmgrab mmdrop" converts
 * active_mm; mm, held with mmget()/mmput(), is kept and says so.
 */
#include <linux/module.h>
#include <linux/sched/mm.h>

struct my_task {
	struct mm_struct *mm;
	struct mm_struct *active_mm;
};

void my_task_use_mm(struct my_task *t, struct mm_struct *mm)
{
	mmget(mm);
	t->mm = mm;
	mmgrab(mm);
	t->active_mm = mm;
}

void my_task_switch(struct my_task *t, struct mm_struct *next)
{
	mmdrop(t->active_mm);
	t->active_mm = next;
	mmgrab(next);
}

void my_task_exit(struct my_task *t)
{
	mmput(t->mm);
	t->mm = NULL;
	mmdrop(t->active_mm);
	t->active_mm = NULL;
}

MODULE_LICENSE("GPL");
