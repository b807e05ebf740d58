/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _BDEV_H
#define _BDEV_H
#include <linux/atomic.h>

struct bdev {
	atomic_t ref;		/* openers */
	int minor;
};

struct bdev *bdev_lookup(int minor);
void bdev_release(struct bdev *b);
#endif
