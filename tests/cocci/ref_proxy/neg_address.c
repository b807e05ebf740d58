/*
 * Modelled on drivers/usb/misc/iowarrior.c (Linux 6.1) passing the address
 * of a device field to a helper.
 * Kept: with its address taken, the field can be changed behind the proxy.
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

void foo_swap(struct foo_res **slot, struct foo_res *res)
{
	*slot = res;
}

void foo_remove(struct foo_dev *dev)
{
	foo_swap(&dev->res, NULL);
}

MODULE_LICENSE("GPL");
