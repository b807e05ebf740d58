/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c (Linux 6.1) helpers
 * that hand the EC pointer to their caller.
 * Kept: a returned pointer escapes any access.
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

struct foo_res *foo_res_of(struct foo_dev *dev)
{
	return dev->res;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
