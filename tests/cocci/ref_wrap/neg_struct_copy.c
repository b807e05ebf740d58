/*
 * Modelled on drivers/base/core.c (Linux 6.1): a holder is duplicated by
 * copying the whole struct, as drivers do with template structs.
 * Negative: the copy would hold the device without its own get_device().
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

void my_link_clone(struct my_link *dst, const struct my_link *src)
{
	*dst = *src;
}

void my_link_clear(struct my_link *l)
{
	put_device(l->supplier);
	l->supplier = NULL;
}

MODULE_LICENSE("GPL");
