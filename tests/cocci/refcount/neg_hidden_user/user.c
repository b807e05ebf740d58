/*
 * See obj.h: this file never spells the atomic API.
 */
#include <linux/printk.h>
#include "obj.h"

void user_drain(int id)
{
	obj_wait_zero(&obj_lookup(id)->ref);
	pr_info("drained %d\n", id);
}
