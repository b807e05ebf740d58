/*
 * Modelled on drivers/hid/hidraw.c hidraw_get_report() callers (Linux 6.1): a
 * value read from the resource and returned.
 * Positive: "return -ENODEV;" when revoked, then the access.
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
