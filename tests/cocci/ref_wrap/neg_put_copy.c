/*
 * Modelled on drivers/tty/tty_jobctrl.c (Linux 6.1), disassociate_ctty():
 * the old process group is taken out of the holder under the lock and put
 * through a local copy afterwards.
 * Negative: the reference is dropped through a copy of the pointer, which
 * ref_release() cannot follow.
 */
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/spinlock.h>

struct my_signal {
	spinlock_t lock;
	struct pid *old_pgrp;
};

void my_signal_save(struct my_signal *sig, struct pid *pgrp)
{
	spin_lock_irq(&sig->lock);
	sig->old_pgrp = get_pid(pgrp);
	spin_unlock_irq(&sig->lock);
}

void my_signal_drop(struct my_signal *sig)
{
	struct pid *old_pgrp;

	spin_lock_irq(&sig->lock);
	old_pgrp = sig->old_pgrp;
	sig->old_pgrp = NULL;
	spin_unlock_irq(&sig->lock);
	if (old_pgrp)
		put_pid(old_pgrp);
}

MODULE_LICENSE("GPL");
