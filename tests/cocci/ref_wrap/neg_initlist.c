/*
 * Modelled on init/init_task.c (Linux 6.1): a static holder points at a
 * static mm_struct from its initializer (".active_mm = &init_mm"), which
 * holds no counted reference.
 * Negative: set in an initializer list.
 */
#include <linux/module.h>
#include <linux/sched/mm.h>

struct my_task {
	int pid;
	struct mm_struct *active_mm;
};

static struct my_task my_idle = {
	.pid = 0,
	.active_mm = NULL,
};

void my_task_switch(struct my_task *t, struct mm_struct *mm)
{
	mmgrab(mm);
	t->active_mm = mm;
}

void my_task_exit(struct my_task *t)
{
	mmdrop(t->active_mm);
	t->active_mm = NULL;
}

struct my_task *my_idle_task(void)
{
	return &my_idle;
}

MODULE_LICENSE("GPL");
