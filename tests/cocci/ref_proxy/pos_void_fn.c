/*
 * Modelled on drivers/usb/class/cdc-wdm.c wdm_rxwork() (Linux 6.1): a void
 * function that pokes the device.
 * Positive: "return;" when revoked.
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

void foo_kick(struct foo_dev *dev)
{
	dev->res->count++;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
