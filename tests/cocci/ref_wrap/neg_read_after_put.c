/*
 * Modelled on drivers/tty/tty_jobctrl.c (Linux 6.1), __proc_set_tty(): the
 * old session is put and then the field is still read before the new one
 * is stored (here, to compare it with the new pid).
 * Negative: ref_release() would empty the wrapper where the plain put left
 * the pointer, so the read after it would change meaning.
 */
#include <linux/module.h>
#include <linux/pid.h>

struct my_tty {
	int index;
	struct pid *session;
};

bool my_tty_set_session(struct my_tty *tty, struct pid *pid)
{
	bool same;

	put_pid(tty->session);
	same = tty->session == pid;
	tty->session = get_pid(pid);
	return same;
}

void my_tty_release(struct my_tty *tty)
{
	put_pid(tty->session);
	tty->session = NULL;
}

MODULE_LICENSE("GPL");
