/*
 * Modelled on include/linux/tty.h and drivers/tty/tty_io.c (Linux 6.1):
 * the process group is a member of an anonymous struct inside the tty,
 * and one path stores a pointer it does not own.
 * Negative: x->a.f is a candidate like x->f: kept, and every use says why.
 */
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>

struct my_tty {
	int index;
	struct {
		int lock;
		struct pid *pgrp;
	} ctrl;
};

void my_tty_set_pgrp(struct my_tty *tty, struct pid *pgrp)
{
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.pgrp = get_pid(pgrp);
}

void my_tty_borrow(struct my_tty *tty)
{
	tty->ctrl.pgrp = task_pgrp(current);
}

MODULE_LICENSE("GPL");
