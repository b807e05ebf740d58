// SPDX-License-Identifier: GPL-2.0
#include <linux/atomic.h>
#include <linux/slab.h>
#include "bdev.h"

struct part {
	atomic_t ref;
	struct bdev *disk;
	int no;
};

struct part *part_new(int minor, int no)
{
	struct part *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return NULL;
	p->no = no;
	p->disk = bdev_lookup(minor);
	atomic_inc(&bdev_lookup(minor)->ref);	/* the partition pins its disk */
	atomic_set(&p->ref, 1);
	return p;
}

void part_get(struct part *p)
{
	atomic_inc(&p->ref);
}

void part_put(struct part *p)
{
	if (atomic_dec_and_test(&p->ref)) {
		bdev_release(p->disk);
		kfree(p);
	}
}
