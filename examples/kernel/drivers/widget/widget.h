/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A small driver in the kernel style, for the default "make coccicheck" run:
 * widget.users is a reference count (set to 1, taken with atomic_inc, dropped
 * with atomic_dec_and_test) and converts; widget.opened counts open files and
 * is never released with dec_and_test, so it stays atomic_t.
 */
#ifndef _WIDGET_H
#define _WIDGET_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct widget {
	struct list_head node;
	int id;
	atomic_t users;		/* lifetime of the widget */
	atomic_t opened;	/* statistics: files opened */
};

struct widget *widget_create(int id);
struct widget *widget_find(int id);
void widget_put(struct widget *w);

#endif /* _WIDGET_H */
