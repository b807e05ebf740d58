/*
 * Modelled on drivers/s390/block/dasd_devmap.c (Linux 6.1): a dasd_device
 * starts with ref_count 3 (devmap, cdev, probe), dasd_delete_device() drops
 * all three at once with atomic_sub(3, ...) and waits for the count to reach
 * zero; dasd_put_device() wakes it with atomic_dec_and_test().
 * Negative: atomic_sub blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/wait.h>

struct dasd_device {
	atomic_t ref_count;
	int state;
};

DECLARE_WAIT_QUEUE_HEAD(dasd_delete_wq);

void dasd_create_device(struct dasd_device *device)
{
	atomic_set(&device->ref_count, 3);
}

void dasd_get_device(struct dasd_device *device)
{
	atomic_inc(&device->ref_count);
}

void dasd_put_device(struct dasd_device *device)
{
	if (atomic_dec_and_test(&device->ref_count))
		wake_up(&dasd_delete_wq);
}

void dasd_delete_device(struct dasd_device *device)
{
	atomic_sub(3, &device->ref_count);
	wait_event(dasd_delete_wq, atomic_read(&device->ref_count) == 0);
	kfree(device);
}

MODULE_LICENSE("GPL");
