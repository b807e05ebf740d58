/*
 * Modelled on drivers/usb/misc/ldusb.c (Linux 6.1): probe sets dev->intf,
 * disconnect clears it under the mutex, read tests "dev->intf == NULL" under
 * the mutex and fails with "retval = -ENODEV; goto unlock_exit;".
 * Positive: set-up with the function's goto convention, revocation, the
 * NULL test, and an access whose revoked path takes the same exit.
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

int foo_probe(struct foo_res *res, struct foo_dev **out)
{
	struct foo_dev *dev;
	int retval;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev) {
		retval = -ENOMEM;
		goto exit;
	}
	mutex_init(&dev->lock);
	dev->res = res;
	*out = dev;
	return 0;

exit:
	return retval;
}

int foo_read(struct foo_dev *dev, int *out)
{
	int retval;

	mutex_lock(&dev->lock);
	if (dev->res == NULL) {
		retval = -ENODEV;
		goto unlock_exit;
	}
	*out = dev->res->count;
	retval = 0;
unlock_exit:
	mutex_unlock(&dev->lock);
	return retval;
}

void foo_disconnect(struct foo_dev *dev)
{
	mutex_lock(&dev->lock);
	dev->res = NULL;
	mutex_unlock(&dev->lock);
}

void foo_delete(struct foo_dev *dev)
{
	kfree(dev);
}

MODULE_LICENSE("GPL");
