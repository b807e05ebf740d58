/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Modelled on drivers/platform/chrome/cros_ec_chardev.c and
 * include/linux/platform_data/cros_ec_proto.h (Linux 6.1): the struct with
 * the revocable pointer is defined in a header, the uses are in a .c file.
 * Positive: the collect pass sees the definition, the field converts.
 */
#ifndef FOO_H
#define FOO_H

#include <linux/types.h>

struct foo_res {
	int count;
};

struct foo_dev {
	struct foo_res *res;
	int users;
};

#endif
