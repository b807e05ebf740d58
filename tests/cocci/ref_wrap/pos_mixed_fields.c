/*
 * Modelled on kernel/audit.c (Linux 6.1), struct auditd_connection, with a
 * second pid field that only caches a pointer owned elsewhere.
 * Positive: the counted field converts; the borrowed one in the same struct
 * is kept (the decision is per field).
 */
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/slab.h>

struct my_conn {
	struct pid *pid;
	struct pid *last_sender;
	u32 portid;
};

struct my_conn *my_conn_new(struct pid *pid, u32 portid)
{
	struct my_conn *ac = kzalloc(sizeof(*ac), GFP_KERNEL);

	if (!ac)
		return NULL;
	ac->pid = get_pid(pid);
	ac->portid = portid;
	return ac;
}

void my_conn_note(struct my_conn *ac, struct pid *sender)
{
	ac->last_sender = sender;
}

pid_t my_conn_pid_vnr(struct my_conn *ac)
{
	return ac->pid ? pid_vnr(ac->pid) : 0;
}

void my_conn_free(struct my_conn *ac)
{
	put_pid(ac->pid);
	kfree(ac);
}

MODULE_LICENSE("GPL");
