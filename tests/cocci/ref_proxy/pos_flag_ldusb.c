/*
 * Modelled on drivers/usb/misc/ldusb.c and yurex.c (Linux 6.1): poll tests
 * the flag without a lock and returns an event mask; write tests it under
 * the mutex and then has error gotos; read takes a spinlock after the test.
 * Positive ("proxy foo_ld intf revoked-by disconnected"): each access is
 * the test alone (a goto, or another lock, in the locked region); poll's
 * revoked path is its own "return EPOLLERR | EPOLLHUP;"; the probe's
 * set-up fails through the next goto's label with the returned variable.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/poll.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/usb.h>

struct foo_ld {
	struct mutex mutex;
	spinlock_t lock;
	struct usb_interface *intf;
	int head, tail;
	char *buf;
	unsigned long disconnected:1;
};

__poll_t foo_poll(struct foo_ld *dev)
{
	if (dev->disconnected)
		return EPOLLERR | EPOLLHUP;
	return dev->head != dev->tail ? EPOLLIN : 0;
}

int foo_write(struct foo_ld *dev, int len)
{
	int retval = 0;

	mutex_lock(&dev->mutex);
	if (dev->disconnected) {
		retval = -ENODEV;
		goto unlock_exit;
	}
	if (len > 8) {
		retval = -EINVAL;
		goto unlock_exit;
	}
	dev_dbg(&dev->intf->dev, "write %d\n", len);
unlock_exit:
	mutex_unlock(&dev->mutex);
	return retval;
}

int foo_read(struct foo_ld *dev)
{
	unsigned long flags;
	int n;

	mutex_lock(&dev->mutex);
	if (dev->disconnected) {
		mutex_unlock(&dev->mutex);
		return -ENODEV;
	}
	spin_lock_irqsave(&dev->lock, flags);
	n = dev->head - dev->tail;
	spin_unlock_irqrestore(&dev->lock, flags);
	mutex_unlock(&dev->mutex);
	return n;
}

int foo_probe(struct usb_interface *intf, struct foo_ld **out)
{
	struct foo_ld *dev;
	int retval = -ENOMEM;

	dev = kzalloc(sizeof(*dev), GFP_KERNEL);
	if (!dev)
		goto exit;
	mutex_init(&dev->mutex);
	spin_lock_init(&dev->lock);
	dev->intf = intf;
	dev->buf = kmalloc(64, GFP_KERNEL);
	if (!dev->buf)
		goto error;
	*out = dev;
	return 0;

error:
	kfree(dev);
exit:
	return retval;
}

void foo_disconnect(struct foo_ld *dev)
{
	mutex_lock(&dev->mutex);
	dev->disconnected = 1;
	mutex_unlock(&dev->mutex);
}

MODULE_LICENSE("GPL");
