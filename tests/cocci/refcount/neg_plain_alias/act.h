/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ACT_H
#define _ACT_H
#include <linux/types.h>
#include <linux/atomic.h>

struct tc_act {
	u32 index;
	atomic_t act_refcnt;
	void *params;
};

/* old name, still used by the legacy actions */
#define act_users act_refcnt

void tc_act_put(struct tc_act *a);
#endif
