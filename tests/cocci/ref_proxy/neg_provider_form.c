/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c (Linux 6.1): each
 * open file holds a pointer to the EC device, which lives in another
 * struct (cros_ec_dev) that the MFD driver's remove() tears down.
 * Negative ("proxy foo_priv ec provider foo_ec foo_probe foo_remove"): the
 * split provider/consumer form is parsed but not converted yet; the field
 * stays and every site says so, instead of being read as the NULL form.
 */
#include <linux/module.h>
#include <linux/slab.h>

struct foo_ec {
	int cmd;
};

struct foo_priv {
	struct foo_ec *ec;
};

int foo_open(struct foo_ec *ec, struct foo_priv **out)
{
	struct foo_priv *priv = kzalloc(sizeof(*priv), GFP_KERNEL);

	if (!priv)
		return -ENOMEM;
	priv->ec = ec;
	*out = priv;
	return 0;
}

void foo_release(struct foo_priv *priv)
{
	kfree(priv);
}

MODULE_LICENSE("GPL");
