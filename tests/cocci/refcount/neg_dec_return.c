/*
 * Modelled on drivers/s390/char/tape_core.c (Linux 6.1): tape_device
 * ref_count set to 1 at allocation, tape_get_device() increments it and
 * tape_put_device() frees on atomic_dec_return() == 0.
 * Negative: atomic_dec_return blocks the field; its atomic_dec_and_test use
 * stays atomic too.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>

struct tape_device {
	atomic_t ref_count;
	int first_minor;
};

struct tape_device *tape_alloc_device(void)
{
	struct tape_device *device;

	device = kzalloc(sizeof(struct tape_device), GFP_KERNEL);
	if (!device)
		return NULL;
	atomic_set(&device->ref_count, 1);
	return device;
}

struct tape_device *tape_get_device(struct tape_device *device)
{
	atomic_inc(&device->ref_count);
	return device;
}

void tape_put_device(struct tape_device *device)
{
	int count;

	count = atomic_dec_return(&device->ref_count);
	pr_debug("tape_put_device(%p) -> %i\n", device, count);
	if (count == 0)
		kfree(device);
}

bool tape_release_last(struct tape_device *device)
{
	return atomic_dec_and_test(&device->ref_count);
}

MODULE_LICENSE("GPL");
