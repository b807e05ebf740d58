/*
 * Modelled on drivers/staging/vc04_services/interface/vchiq_arm/vchiq_arm.c
 * (Linux 6.1): the keep-alive thread takes all pending use counts at once with
 * atomic_xchg(&arm_state->ka_use_count, 0). Here the same field is otherwise
 * used as a reference (set to 1, inc, dec_and_test).
 * Negative: atomic_xchg blocks the field.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/module.h>

struct vchiq_arm_state {
	atomic_t ka_use_count;
	struct completion ka_evt;
};

void vchiq_arm_init_state(struct vchiq_arm_state *arm_state)
{
	init_completion(&arm_state->ka_evt);
	atomic_set(&arm_state->ka_use_count, 1);
}

void vchiq_on_remote_use(struct vchiq_arm_state *arm_state)
{
	atomic_inc(&arm_state->ka_use_count);
	complete(&arm_state->ka_evt);
}

int vchiq_keepalive_take_all(struct vchiq_arm_state *arm_state)
{
	return atomic_xchg(&arm_state->ka_use_count, 0);
}

void vchiq_on_remote_release(struct vchiq_arm_state *arm_state)
{
	if (atomic_dec_and_test(&arm_state->ka_use_count))
		complete(&arm_state->ka_evt);
}

MODULE_LICENSE("GPL");
