/*
 * Modelled on drivers/block/drbd/drbd_debugfs.c (Linux 6.1): a snapshot of
 * the md_io buffer state is taken by copying the structure that holds the
 * in_use count, and the copy's count is then read.
 * Negative: copying the atomic_t (here by struct assignment of its member)
 * blocks the field even though the other uses are in the table.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/wait.h>

struct drbd_md_io {
	unsigned int done;
	atomic_t in_use;
};

struct drbd_device {
	struct drbd_md_io md_io;
	wait_queue_head_t misc_wait;
};

void drbd_md_io_init(struct drbd_device *device)
{
	init_waitqueue_head(&device->misc_wait);
	atomic_set(&device->md_io.in_use, 1);
}

void drbd_md_get_buffer(struct drbd_device *device)
{
	atomic_inc(&device->md_io.in_use);
}

void drbd_md_put_buffer(struct drbd_device *device)
{
	if (atomic_dec_and_test(&device->md_io.in_use))
		wake_up(&device->misc_wait);
}

void md_io_show(struct drbd_device *device)
{
	struct drbd_md_io tmp;

	tmp.done = device->md_io.done;
	tmp.in_use = device->md_io.in_use;
	if (atomic_read(&tmp.in_use))
		pr_info("md_io busy, done=%u\n", tmp.done);
}

MODULE_LICENSE("GPL");
