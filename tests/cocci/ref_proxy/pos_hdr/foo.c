// SPDX-License-Identifier: GPL-2.0
/*
 * The .c half of pos_hdr: set-up, access and revocation of foo_dev.res.
 */
#include <linux/module.h>
#include <linux/slab.h>

#include "foo.h"

int foo_setup(struct foo_dev *dev, struct foo_res *res)
{
	dev->res = res;
	return 0;
}

int foo_count(struct foo_dev *dev)
{
	return dev->res->count;
}

void foo_remove(struct foo_dev *dev)
{
	dev->res = NULL;
}

MODULE_LICENSE("GPL");
