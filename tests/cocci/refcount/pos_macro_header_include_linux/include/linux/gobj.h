/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_GOBJ_H
#define _LINUX_GOBJ_H
#include <linux/atomic.h>

struct gobj {
	atomic_t ref;
	unsigned long flags;
};

struct gobj *gobj_alloc(void);
void gobj_put(struct gobj *g);
#endif
