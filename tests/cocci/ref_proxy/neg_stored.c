/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c
 * cros_ec_chardev_open() (Linux 6.1), which stores the EC pointer in the
 * file's private data.
 * Kept: a copy in another struct outlives any access.
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

struct foo_file {
	struct foo_res *res;
};

void foo_open(struct foo_dev *dev, struct foo_file *file)
{
	file->res = dev->res;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
