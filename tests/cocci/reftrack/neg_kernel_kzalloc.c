// SPDX-License-Identifier: GPL-2.0
/* Twin of pos_kernel_kzalloc on an untracked struct: nothing changes. */
#include <linux/module.h>
#include <linux/slab.h>

struct kobj_rt {
	int id;
};

struct kholder {
	struct kobj_rt *obj;
};

static struct kholder holder;

static int __init rt_init(void)
{
	struct kobj_rt *o;

	o = kzalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return -ENOMEM;
	o->id = 1;
	holder.obj = o;
	return 0;
}

static void __exit rt_exit(void)
{
	kfree(holder.obj);
}

module_init(rt_init);
module_exit(rt_exit);
MODULE_LICENSE("GPL");
