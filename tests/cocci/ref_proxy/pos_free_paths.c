/*
 * Modelled on the remove and release paths of drivers/usb/misc/ldusb.c
 * (Linux 6.1): the holder is freed on a path that revoked the device and
 * on one that may not have (the last close after a disconnect, or before).
 * Positive: a free that every path reaches through the revocation frees
 * only the consumer; the others free the provider too.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo_res {
	int count;
};

struct foo_dev {
	struct foo_res *res;
	int open_count;
};

int foo_poke(struct foo_dev *dev)
{
	dev->res->count++;
	return 0;
}

void foo_disconnect(struct foo_dev *dev)
{
	dev->res = NULL;
	kfree(dev);
}

void foo_release(struct foo_dev *dev, int gone)
{
	if (gone)
		dev->res = NULL;
	kfree(dev);
}

int foo_probe(struct foo_res *res)
{
	struct foo_dev *dev;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	dev->res = res;
	return 0;
}

MODULE_LICENSE("GPL");
