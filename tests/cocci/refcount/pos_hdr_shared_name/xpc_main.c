/*
 * Modelled on drivers/misc/sgi-xp/xpc_main.c (Linux 6.1): partition and
 * channel setup and partition teardown; see xpc.h.
 */
#include <linux/module.h>
#include "xpc.h"

void xpc_setup_partition(struct xpc_partition *part)
{
	init_waitqueue_head(&part->teardown_wq);
	atomic_set(&part->references, 1);
}

void xpc_setup_channel(struct xpc_channel *ch)
{
	init_waitqueue_head(&ch->idle_wq);
	atomic_set(&ch->references, 0);
	xpc_msgqueue_ref(ch);
}

void xpc_teardown_partition(struct xpc_partition *part)
{
	xpc_part_deref(part);
	wait_event(part->teardown_wq, (atomic_read(&part->references) == 0));
}

MODULE_LICENSE("GPL");
