// SPDX-License-Identifier: GPL-2.0
/*
 * A hot-unpluggable gadget in the shape of drivers/usb/misc/ldusb.c: the
 * device state points at the bus interface, disconnect clears the pointer
 * and readers test it under the mutex. cocci/ref_proxy.cocci turns the
 * pointer into a ref_proxy ("proxy gadget_dev intf" in refconv.spec).
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct gadget_intf {
	int minor;
	int (*xfer)(struct gadget_intf *intf, void *buf, int len);
};

struct gadget_dev {
	struct gadget_intf *intf;
	struct mutex lock;
};

int gadget_probe(struct gadget_intf *intf, struct gadget_dev **out)
{
	struct gadget_dev *dev;
	int retval;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev) {
		retval = -ENOMEM;
		goto exit;
	}
	mutex_init(&dev->lock);
	dev->intf = intf;
	*out = dev;
	return 0;

exit:
	return retval;
}

int gadget_read(struct gadget_dev *dev, void *buf, int len)
{
	int retval;

	mutex_lock(&dev->lock);
	if (dev->intf == NULL) {
		retval = -ENODEV;
		goto unlock_exit;
	}
	retval = dev->intf->xfer(dev->intf, buf, len);
unlock_exit:
	mutex_unlock(&dev->lock);
	return retval;
}

int gadget_minor(struct gadget_dev *dev)
{
	return dev->intf->minor;
}

void gadget_disconnect(struct gadget_dev *dev)
{
	mutex_lock(&dev->lock);
	dev->intf = NULL;
	mutex_unlock(&dev->lock);
	kfree(dev);
}

MODULE_LICENSE("GPL");
