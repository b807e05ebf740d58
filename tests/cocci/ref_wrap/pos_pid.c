/*
 * Modelled on drivers/tty/tty_jobctrl.c (Linux 6.1): the tty holds the
 * session and process group with get_pid() and put_pid(), which come from
 * <linux/pid.h>, outside the run.
 * Positive: "PUT(x->f); x->f = GET(y);" -> ref_replace(), which takes the
 * new reference before it drops the old; pid_vnr(x->f) reads through
 * ref_ptr(); DECLARE_REF goes right before the struct.
 */
#include <linux/module.h>
#include <linux/pid.h>

struct my_tty {
	int index;
	struct pid *session;
};

void my_tty_set_session(struct my_tty *tty, struct pid *pid)
{
	put_pid(tty->session);
	tty->session = get_pid(pid);
}

pid_t my_tty_sid(struct my_tty *tty)
{
	return pid_vnr(tty->session);
}

void my_tty_release(struct my_tty *tty)
{
	put_pid(tty->session);
	tty->session = NULL;
}

MODULE_LICENSE("GPL");
