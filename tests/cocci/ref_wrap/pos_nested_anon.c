/*
 * Modelled on include/linux/tty.h, drivers/tty/tty_jobctrl.c and
 * drivers/tty/tty_io.c (Linux 6.1): the session and process group are
 * members of an anonymous struct inside the tty (tty->ctrl.pgrp,
 * tty->ctrl.session), dropped and retaken two at a time.
 * Positive: x->a.f converts; "put(A); put(B); A = get(); B = get();" becomes
 * two ref_replace() calls; reads by value (pid_vnr()) become ref_ptr().
 */
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched/signal.h>
#include <linux/spinlock.h>

struct my_tty {
	int index;
	struct {
		spinlock_t lock;
		struct pid *pgrp;
		struct pid *session;
		unsigned char pktstatus;
	} __aligned(sizeof(unsigned long)) ctrl;
	struct my_tty *link;
} __randomize_layout;

void my_tty_init(struct my_tty *tty)
{
	spin_lock_init(&tty->ctrl.lock);
	tty->ctrl.session = NULL;
	tty->ctrl.pgrp = NULL;
}

void my_tty_set_ctty(struct my_tty *tty)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->ctrl.lock, flags);
	put_pid(tty->ctrl.session);
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.pgrp = get_pid(task_pgrp(current));
	tty->ctrl.session = get_pid(task_session(current));
	spin_unlock_irqrestore(&tty->ctrl.lock, flags);
}

int my_tty_set_pgrp(struct my_tty *tty, struct pid *pgrp)
{
	spin_lock_irq(&tty->ctrl.lock);
	if (tty->ctrl.session != task_session(current)) {
		spin_unlock_irq(&tty->ctrl.lock);
		return -ENOTTY;
	}
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.pgrp = get_pid(pgrp);
	spin_unlock_irq(&tty->ctrl.lock);
	return 0;
}

pid_t my_tty_sid(struct my_tty *tty)
{
	pid_t sid;

	spin_lock_irq(&tty->ctrl.lock);
	sid = tty->ctrl.session ? pid_vnr(tty->ctrl.session) : 0;
	spin_unlock_irq(&tty->ctrl.lock);
	return sid;
}

void my_tty_fasync(struct my_tty *tty)
{
	struct pid *pid;

	spin_lock_irq(&tty->ctrl.lock);
	if (tty->ctrl.pgrp)
		pid = tty->ctrl.pgrp;
	else
		pid = task_pid(current);
	get_pid(pid);
	spin_unlock_irq(&tty->ctrl.lock);
	kill_pid(pid, SIGIO, 1);
	put_pid(pid);
}

void my_tty_hangup(struct my_tty *tty)
{
	spin_lock_irq(&tty->ctrl.lock);
	put_pid(tty->ctrl.session);
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.session = NULL;
	tty->ctrl.pgrp = NULL;
	spin_unlock_irq(&tty->ctrl.lock);
}

void my_tty_release(struct my_tty *tty)
{
	put_pid(tty->ctrl.pgrp);
	put_pid(tty->ctrl.session);
}

MODULE_LICENSE("GPL");
