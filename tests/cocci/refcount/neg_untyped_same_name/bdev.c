/*
 * Modelled on block drivers with a partition and a device struct that both
 * have a ref member, one used through a lookup whose return type spatch
 * does not know: the untyped use may be either field.
 * Negative: the structs share the untyped use and stay together.
 */
#include <linux/slab.h>
#include "bdev.h"

static struct bdev *bdevs[16];

struct bdev *bdev_lookup(int minor)
{
	return bdevs[minor & 15];
}

void bdev_release(struct bdev *b)
{
	/* openers minus the table's own reference */
	pr_info("openers %d\n", atomic_read(&b->ref) - 1);
	if (atomic_dec_and_test(&b->ref))
		kfree(b);
}
