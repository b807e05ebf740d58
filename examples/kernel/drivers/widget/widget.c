// SPDX-License-Identifier: GPL-2.0
#include <linux/module.h>
#include <linux/slab.h>
#include "widget.h"

static LIST_HEAD(widgets);
static DEFINE_SPINLOCK(widgets_lock);

struct widget *widget_create(int id)
{
	struct widget *w = kzalloc(sizeof(*w), GFP_KERNEL);

	if (!w)
		return NULL;
	w->id = id;
	atomic_set(&w->users, 1);
	spin_lock(&widgets_lock);
	list_add(&w->node, &widgets);
	spin_unlock(&widgets_lock);
	return w;
}

struct widget *widget_find(int id)
{
	struct widget *w;

	spin_lock(&widgets_lock);
	list_for_each_entry(w, &widgets, node) {
		/* a widget whose last put is under way is gone already */
		if (w->id == id && atomic_inc_not_zero(&w->users)) {
			spin_unlock(&widgets_lock);
			return w;
		}
	}
	spin_unlock(&widgets_lock);
	return NULL;
}

void widget_put(struct widget *w)
{
	if (!atomic_dec_and_test(&w->users))
		return;
	spin_lock(&widgets_lock);
	list_del(&w->node);
	spin_unlock(&widgets_lock);
	kfree(w);
}

MODULE_LICENSE("GPL");
