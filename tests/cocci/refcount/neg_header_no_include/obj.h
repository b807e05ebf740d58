/*
 * Modelled on fs/xfs/xfs_extfree_item.h (Linux 6.1): a header with no
 * #include at all, relying on its includers; <linux/refcount.h> has
 * nowhere to go beside another include.
 * Negative: the field is kept with that reason.
 */
#ifndef OBJ_H
#define OBJ_H

struct obj {
	atomic_t ref;
};

#endif
