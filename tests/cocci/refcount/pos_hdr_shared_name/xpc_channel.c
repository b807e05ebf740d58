/*
 * Modelled on drivers/misc/sgi-xp/xpc_channel.c (Linux 6.1): channel
 * disconnect checks for remaining references; see xpc.h.
 */
#include <linux/module.h>
#include "xpc.h"

bool xpc_channel_busy(struct xpc_channel *ch, struct xpc_partition *part)
{
	bool busy;

	xpc_part_ref(part);
	busy = atomic_read(&ch->references) > 0;
	xpc_part_deref(part);
	return busy;
}

MODULE_LICENSE("GPL");
