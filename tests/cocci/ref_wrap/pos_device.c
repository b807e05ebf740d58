/*
 * Modelled on drivers/base/core.c (Linux 6.1), device links: the link holds
 * its supplier with get_device() and drops it with put_device(), which
 * come from <linux/device.h>, outside the run.
 * Positive: "x->f = GET(y)", "if (x->f) PUT(x->f);" without the clear (one
 * ref_release() in kernel code), reads through the field.
 */
#include <linux/module.h>
#include <linux/device.h>
#include <linux/slab.h>

struct my_link {
	struct device *supplier;
	u32 flags;
};

struct my_link *my_link_add(struct device *supplier, u32 flags)
{
	struct my_link *link = kzalloc(sizeof(*link), GFP_KERNEL);

	if (!link)
		return NULL;
	link->supplier = get_device(supplier);
	link->flags = flags;
	return link;
}

const char *my_link_name(struct my_link *link)
{
	return dev_name(link->supplier);
}

void my_link_del(struct my_link *link)
{
	if (link->supplier)
		put_device(link->supplier);
	kfree(link);
}

MODULE_LICENSE("GPL");
