/*
 * Modelled on drivers/usb/usb-skeleton.c skel_delete() (Linux 6.1), which
 * drops the interface reference with usb_put_intf(dev->interface).
 * Kept: after the conversion a revoked proxy would skip the release; the
 * provider must own it, which needs a hand-made change.
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

void foo_put_res(struct foo_res *res);

void foo_delete(struct foo_dev *dev)
{
	foo_put_res(dev->res);
	kfree(dev);
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
