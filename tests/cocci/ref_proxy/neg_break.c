/*
 * Modelled on drivers/usb/misc/iowarrior.c iowarrior_read() (Linux 6.1), whose
 * loop breaks out on device state.
 * Kept: REF_PROXY_GET() is a hidden loop, a break inside it would leave the
 * block, not the caller's loop.
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

int foo_scan(struct foo_dev *dev, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (dev->res->count == i)
			break;
	}
	return i;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
