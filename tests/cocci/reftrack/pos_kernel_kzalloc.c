// SPDX-License-Identifier: GPL-2.0
/* Kernel style: kzalloc/kfree of a tracked struct stored in a field
 * (modelled on the kmalloc/kfree pairs of drivers/md/dm-*.c targets). */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/reftrack.h>

REFTRACK_STRUCT(kobj_rt) {
	int id;
};
REFTRACK_EPILOG(kobj_rt);

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
