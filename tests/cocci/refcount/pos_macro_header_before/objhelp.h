/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _OBJHELP_H
#define _OBJHELP_H
#include <linux/atomic.h>

/* every object of this driver has a "refs" member */
#define obj_hold(o)	atomic_inc(&(o)->refs)
#define obj_shared(o)	(atomic_read(&(o)->refs) > 1)
#endif
