// SPDX-License-Identifier: GPL-2.0
#include <linux/fs.h>
#include <linux/module.h>
#include "widget.h"

int widget_open(struct inode *inode, struct file *file)
{
	struct widget *w = widget_find(iminor(inode));

	if (!w)
		return -ENODEV;
	atomic_inc(&w->opened);
	file->private_data = w;
	return 0;
}

int widget_release(struct inode *inode, struct file *file)
{
	struct widget *w = file->private_data;

	pr_debug("widget %d: %d users, opened %d times\n", w->id,
		 atomic_read(&w->users), atomic_read(&w->opened));
	widget_put(w);
	return 0;
}
