/*
 * Modelled on drivers/usb/misc/ldusb.c (Linux 6.1) with a spec that names no
 * proxy field.
 * Kept: nothing converts without a proxy line.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct foo_res {
	int count;
	int (*op)(struct foo_res *res, int v);
};

struct foo_dev {
	struct foo_res *res;
	struct mutex lock;
	int users;
};

int foo_count(struct foo_dev *dev)
{
	return dev->res->count;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
