/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c
 * cros_ec_chardev_ioctl_xcmd() (Linux 6.1): "ret = call(ec)" where ret is
 * what the function returns.
 * Positive: ret gets -ENODEV when revoked and the function goes on as if the
 * call had failed, so nothing it set up is skipped.
 */
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>

struct foo_res {
	int count;
	int (*op)(struct foo_res *res, int v);
};

struct foo_dev {
	struct foo_res *res;
	struct mutex lock;
	int users;
};

int foo_op(struct foo_dev *dev, int v)
{
	int *buf = kmalloc(sizeof(*buf), GFP_KERNEL);
	int ret;

	if (!buf)
		return -ENOMEM;
	*buf = v;
	ret = dev->res->op(dev->res, *buf);
	kfree(buf);
	return ret;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
