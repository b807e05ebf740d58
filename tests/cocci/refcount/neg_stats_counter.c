/*
 * Modelled on drivers/char/ipmi/ipmi_msghandler.c (Linux 6.1): per-interface
 * statistics counters bumped with atomic_inc() and reported with
 * atomic_read(); the "users" counter looks like a reference count by name but
 * is never released.
 * Negative: no dec_and_test/sub_and_test/dec_and_lock on the field, so it is
 * a counter, not a reference count (even with a non-zero initial value).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/seq_file.h>

struct ipmi_smi {
	int intf_num;
	atomic_t users;
	atomic_t sent_commands;
};

void ipmi_intf_init(struct ipmi_smi *intf)
{
	atomic_set(&intf->users, 1);
	atomic_set(&intf->sent_commands, 0);
}

void ipmi_create_user(struct ipmi_smi *intf)
{
	atomic_inc(&intf->users);
}

void ipmi_send_command(struct ipmi_smi *intf)
{
	atomic_inc(&intf->sent_commands);
}

int smi_stats_proc_show(struct seq_file *m, struct ipmi_smi *intf)
{
	seq_printf(m, "users:         %u\n", atomic_read(&intf->users));
	seq_printf(m, "sent_commands: %u\n", atomic_read(&intf->sent_commands));
	return 0;
}

MODULE_LICENSE("GPL");
