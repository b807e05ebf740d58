/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c (Linux 6.1), whose
 * struct chardev_data gets ec_dev in probe and never clears it: there is no
 * removal for a proxy to protect against.
 * Kept: nothing changes; report mode says the field is never revoked.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo_res {
	int count;
};

struct foo_dev {
	struct foo_res *res;
};

int foo_probe(struct foo_dev *dev, struct foo_res *res)
{
	dev->res = res;
	return 0;
}

int foo_count(struct foo_dev *dev)
{
	return dev->res->count;
}

MODULE_LICENSE("GPL");
