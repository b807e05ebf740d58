/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c (Linux 6.1), whose
 * struct chardev_priv and struct chardev_data both have an ec_dev field.
 * Kept: only the struct of the spec line converts; here it is not in the
 * file, so nothing changes and nothing is reported.
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

MODULE_LICENSE("GPL");
