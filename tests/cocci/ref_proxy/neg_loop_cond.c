/*
 * Modelled on drivers/usb/misc/ldusb.c ld_usb_read() (Linux 6.1), which waits
 * in a loop on device state.
 * Kept: a loop condition is no statement that can be scoped on its own.
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

int foo_drain(struct foo_dev *dev)
{
	while (dev->res->count > 0)
		dev->users++;
	return 0;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
