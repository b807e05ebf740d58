/*
 * Modelled on drivers/usb/usb-skeleton.c (Linux 6.1): the driver holds its
 * own reference on the interface (usb_get_intf() in probe, usb_put_intf()
 * in delete, autopm in open/release) and revokes by a flag that disconnect
 * sets under io_mutex and read/write test under it.
 * Positive ("proxy foo_skel interface revoked-by disconnected"): the owner's
 * calls keep the plain pointer; the store revokes; write's test opens one
 * access up to the unlock (the access in it uses the local); read's test
 * is followed by a sleeping wait, so its access is the test alone; probe has
 * several labels, so the set-up fails through the next goto's.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/usb.h>
#include <linux/wait.h>

struct foo_skel {
	struct usb_device *udev;
	struct usb_interface *interface;	/* the driver's own reference */
	struct mutex io_mutex;
	wait_queue_head_t wait;
	bool ready;
	unsigned long disconnected:1;
	struct kref kref;
};

static void foo_delete(struct kref *kref)
{
	struct foo_skel *dev = container_of(kref, struct foo_skel, kref);

	usb_put_intf(dev->interface);
	usb_put_dev(dev->udev);
	kfree(dev);
}

int foo_release(struct foo_skel *dev)
{
	usb_autopm_put_interface(dev->interface);
	kref_put(&dev->kref, foo_delete);
	return 0;
}

int foo_read(struct foo_skel *dev)
{
	int rv;

	rv = mutex_lock_interruptible(&dev->io_mutex);
	if (rv < 0)
		return rv;
	if (dev->disconnected) {
		rv = -ENODEV;
		goto exit;
	}
	rv = wait_event_interruptible(dev->wait, dev->ready);
exit:
	mutex_unlock(&dev->io_mutex);
	return rv;
}

int foo_write(struct foo_skel *dev, int v)
{
	int retval;

	mutex_lock(&dev->io_mutex);
	if (dev->disconnected) {
		mutex_unlock(&dev->io_mutex);
		retval = -ENODEV;
		goto error;
	}
	dev_info(&dev->interface->dev, "write %d\n", v);
	retval = usb_autopm_get_interface(dev->interface);
	mutex_unlock(&dev->io_mutex);
	if (retval)
		dev_err(&dev->interface->dev, "write failed: %d\n", retval);
	return retval;
error:
	return retval;
}

int foo_probe(struct usb_interface *interface)
{
	struct foo_skel *dev;
	int retval;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		return -ENOMEM;
	kref_init(&dev->kref);
	mutex_init(&dev->io_mutex);
	init_waitqueue_head(&dev->wait);
	dev->udev = usb_get_dev(interface_to_usbdev(interface));
	dev->interface = usb_get_intf(interface);
	retval = usb_autopm_get_interface(interface);
	if (retval)
		goto error;
	usb_set_intfdata(interface, dev);
	return 0;

error:
	kref_put(&dev->kref, foo_delete);
	return retval;
}

void foo_disconnect(struct usb_interface *interface)
{
	struct foo_skel *dev = usb_get_intfdata(interface);

	mutex_lock(&dev->io_mutex);
	dev->disconnected = 1;
	mutex_unlock(&dev->io_mutex);
	kref_put(&dev->kref, foo_delete);
}

MODULE_LICENSE("GPL");
