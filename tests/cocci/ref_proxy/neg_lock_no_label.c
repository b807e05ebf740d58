/*
 * Modelled on drivers/usb/misc/ldusb.c ld_usb_release() (Linux 6.1): an
 * access under a mutex in a function without an error label.
 * Kept: "return -ENODEV;" would leave the mutex locked; the revoked path
 * needs a hand-picked exit.
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

int foo_release(struct foo_dev *dev)
{
	mutex_lock(&dev->lock);
	dev->res->count--;
	mutex_unlock(&dev->lock);
	return 0;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
