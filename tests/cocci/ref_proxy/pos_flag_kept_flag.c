/*
 * Modelled on drivers/usb/misc/adutux.c (Linux 6.1): release frees the
 * device when disconnect has set the flag and it was the last user, so the
 * flag is read for more than revoked tests; a void helper tests it too.
 * Positive ("proxy foo_adu udev revoked-by disconnected"): the flag member
 * and its store stay, the revocation follows the store; the release test
 * does not leave the function and stays a plain test (reported); the void
 * helper's access runs to its end, its use of the field on the local; the
 * set-up fails through the function's "retval = -E; goto label;".
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/usb.h>

struct foo_adu {
	struct mutex mtx;
	struct usb_device *udev;
	int open_count;
	char *buf;
	unsigned long disconnected:1;
};

static void foo_delete(struct foo_adu *dev)
{
	usb_put_dev(dev->udev);
	kfree(dev->buf);
	kfree(dev);
}

static void foo_abort(struct foo_adu *dev)
{
	if (dev->disconnected)
		return;
	dev_dbg(&dev->udev->dev, "abort\n");
}

int foo_release(struct foo_adu *dev)
{
	mutex_lock(&dev->mtx);
	dev->open_count--;
	foo_abort(dev);
	if (dev->disconnected) {
		if (!dev->open_count)
			foo_delete(dev);
	}
	mutex_unlock(&dev->mtx);
	return 0;
}

int foo_probe(struct usb_interface *interface)
{
	struct foo_adu *dev;
	int retval;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev) {
		retval = -ENOMEM;
		goto exit;
	}
	mutex_init(&dev->mtx);
	dev->udev = usb_get_dev(interface_to_usbdev(interface));
	dev->buf = kmalloc(64, GFP_KERNEL);
	if (!dev->buf) {
		retval = -ENOMEM;
		goto error;
	}
	usb_set_intfdata(interface, dev);
	return 0;

error:
	foo_delete(dev);
exit:
	return retval;
}

void foo_disconnect(struct usb_interface *interface)
{
	struct foo_adu *dev = usb_get_intfdata(interface);

	mutex_lock(&dev->mtx);
	dev->disconnected = 1;
	mutex_unlock(&dev->mtx);
	if (!dev->open_count)
		foo_delete(dev);
}

MODULE_LICENSE("GPL");
