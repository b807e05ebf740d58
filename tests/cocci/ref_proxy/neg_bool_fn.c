/*
 * Modelled on drivers/hid/hidraw.c (Linux 6.1) predicates on the device.
 * Kept: a bool function has no obvious revoked value.
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

bool foo_busy(struct foo_dev *dev)
{
	return dev->res->count > 0;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
