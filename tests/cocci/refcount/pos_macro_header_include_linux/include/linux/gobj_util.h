/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LINUX_GOBJ_UTIL_H
#define _LINUX_GOBJ_UTIL_H
/* helpers for users of <linux/gobj.h>; include that first */
#include <linux/compiler.h>

#define gobj_hold(g)		(atomic_inc(&(g)->ref), (g))
#define gobj_is_shared(g)	(atomic_read(&(g)->ref) > 1)
#endif
