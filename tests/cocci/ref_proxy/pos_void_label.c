/*
 * Modelled on drivers/usb/misc/iowarrior.c iowarrior_callback() (Linux
 * 6.1): a void function with one exit label that releases a lock.
 * Positive: "goto out;" when revoked, so the lock is still released.
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

void foo_kick(struct foo_dev *dev, int v)
{
	mutex_lock(&dev->lock);
	if (v < 0)
		goto out;
	dev->res->count += v;
out:
	mutex_unlock(&dev->lock);
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
