/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c
 * cros_ec_chardev_read() (Linux 6.1), which copies priv->ec_dev to a local
 * and uses the local: the access cannot be scoped.
 * Kept: the field stays a plain pointer; report mode names the copy.
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
	struct foo_res *res = dev->res;

	return res->count;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
