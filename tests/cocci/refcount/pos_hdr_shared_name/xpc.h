/*
 * Modelled on drivers/misc/sgi-xp/xpc.h, xpc_main.c and xpc_channel.c
 * (Linux 6.1): struct xpc_channel and struct xpc_partition both have an
 * "atomic_t references;" field, manipulated by inline helpers in the header.
 * The channel keeps its real atomic_dec_return() (blocked); the partition's
 * count is given the convertible shape (set to 1, inc, dec_and_test).
 * Positive for xpc_partition.references only: matching is by struct type,
 * so xpc_channel.references and its uses must stay untouched.
 */
#ifndef _DRIVERS_MISC_SGIXP_XPC_H
#define _DRIVERS_MISC_SGIXP_XPC_H

#include <linux/atomic.h>
#include <linux/wait.h>

struct xpc_channel {
	u16 number;
	atomic_t references;	/* #of external references to queues */
	wait_queue_head_t idle_wq;
};

struct xpc_partition {
	u8 act_state;
	atomic_t references;	/* #of references to infrastructure */
	wait_queue_head_t teardown_wq;
};

static inline void xpc_msgqueue_ref(struct xpc_channel *ch)
{
	atomic_inc(&ch->references);
}

static inline void xpc_msgqueue_deref(struct xpc_channel *ch)
{
	s32 refs = atomic_dec_return(&ch->references);

	if (refs == 0)
		wake_up(&ch->idle_wq);
}

static inline void xpc_part_deref(struct xpc_partition *part)
{
	if (atomic_dec_and_test(&part->references))
		wake_up(&part->teardown_wq);
}

static inline void xpc_part_ref(struct xpc_partition *part)
{
	atomic_inc(&part->references);
}

#endif /* _DRIVERS_MISC_SGIXP_XPC_H */
