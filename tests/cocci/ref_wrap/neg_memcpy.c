/*
 * Modelled on drivers/base/core.c (Linux 6.1): a holder is duplicated with
 * kmemdup(), and saved with memcpy().
 * Negative: the copies would hold the device without a get_device().
 */
#include <linux/module.h>
#include <linux/device.h>
#include <linux/slab.h>
#include <linux/string.h>

struct my_link {
	struct device *supplier;
	int flags;
};

void my_link_set(struct my_link *l, struct device *dev)
{
	l->supplier = get_device(dev);
}

struct my_link *my_link_dup(const struct my_link *l)
{
	return kmemdup(l, sizeof(*l), GFP_KERNEL);
}

void my_link_clear(struct my_link *l)
{
	put_device(l->supplier);
	l->supplier = NULL;
}

MODULE_LICENSE("GPL");
