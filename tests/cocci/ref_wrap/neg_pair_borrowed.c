/*
 * Modelled on drivers/misc/cxl/cxl.h and context.c (Linux 6.1): two
 * structs hold a struct pid in a field of the same name; one of them
 * stores a pointer it does not own.
 * Negative: the borrowed store keeps the field in both structs (the
 * TYPE-field pair), not only in the struct that borrows.
 */
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>

struct my_context {
	struct pid *pid;
	int pe;
};

struct my_afu {
	struct pid *pid;
	int slice;
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

void my_afu_note(struct my_afu *afu)
{
	afu->pid = task_tgid(current);
}

MODULE_LICENSE("GPL");
