/*
 * Modelled on drivers/misc/cxl/context.c (Linux 6.1): one struct holds a
 * struct pid in "pid", another struct of the same file has an int "pid".
 * Negative: the patch rewrites accesses by their spelling, so a file that
 * also spells an access to a same-named member that stays the same way
 * (ctx->pid) keeps the field.
 */
#include <linux/module.h>
#include <linux/pid.h>

struct my_context {
	struct pid *pid;
};

struct my_event {
	int pid;
};

void my_context_attach(struct my_context *ctx, struct pid *pid)
{
	ctx->pid = get_pid(pid);
}

void my_context_detach(struct my_context *ctx)
{
	put_pid(ctx->pid);
	ctx->pid = NULL;
}

void my_event_fill(struct my_event *ctx, struct my_context *c)
{
	ctx->pid = pid_vnr(c->pid);
}

MODULE_LICENSE("GPL");
