/*
 * Modelled on drivers/usb/misc/ldusb.c ld_usb_poll() (Linux 6.1): a function
 * that only tests whether the device is still there.
 * Positive: the existing test becomes the revoked path of a REF_PROXY_GET()
 * block; nothing else is added.
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

int foo_poll(struct foo_dev *dev)
{
	if (!dev->res)
		return -ENODEV;
	return 0;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
