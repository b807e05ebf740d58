/*
 * Modelled on drivers/usb/misc/yurex.c (Linux 6.1) before its tests: the
 * flag is set on disconnect but only read to decide something else.
 * Negative ("proxy foo_dev udev revoked-by gone"): no test of the flag
 * leaves the function, so there is no access to protect; every site of
 * the field's conversion is reported with the reason.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/usb.h>

struct foo_dev {
	struct usb_device *udev;
	int users;
	bool gone;
};

void foo_close(struct foo_dev *dev)
{
	if (dev->gone) {
		if (!--dev->users)
			kfree(dev);
	}
}

int foo_probe(struct usb_interface *interface, struct foo_dev *dev)
{
	dev->udev = usb_get_dev(interface_to_usbdev(interface));
	return 0;
}

void foo_disconnect(struct foo_dev *dev)
{
	dev->gone = true;
	usb_put_dev(dev->udev);
}

MODULE_LICENSE("GPL");
