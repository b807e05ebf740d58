/*
 * Modelled on drivers whose last #include is inside #ifdef CONFIG_DEBUG_FS
 * (Linux 6.1: many debugfs users in drivers): <linux/refcount.h> must go
 * after the last unconditional include, not inside the #ifdef (or nowhere).
 * Positive: the include lands after <linux/list.h>.
 */
#include <linux/slab.h>
#include <linux/list.h>
#ifdef CONFIG_DEBUG_FS
#include <linux/debugfs.h>
#endif

struct mydev {
	struct list_head node;
	atomic_t users;
	struct dentry *dbg;
};

struct mydev *mydev_new(void)
{
	struct mydev *d = kzalloc(sizeof(*d), GFP_KERNEL);

	if (!d)
		return NULL;
	atomic_set(&d->users, 1);
	return d;
}

void mydev_get(struct mydev *d)
{
	atomic_inc(&d->users);
}

void mydev_put(struct mydev *d)
{
	if (atomic_dec_and_test(&d->users)) {
#ifdef CONFIG_DEBUG_FS
		debugfs_remove(d->dbg);
#endif
		kfree(d);
	}
}
