/*
 * Modelled on drivers/usb/misc/ldusb.c ld_usb_write() (Linux 6.1): an if
 * statement whose condition reads the resource; the whole statement is one
 * access.
 * Positive: one REF_PROXY_GET() block around the if and its else.
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

int foo_write(struct foo_dev *dev, int v)
{
	if (dev->res->count > v)
		dev->res->count -= v;
	else
		dev->res->count = 0;
	return 0;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
