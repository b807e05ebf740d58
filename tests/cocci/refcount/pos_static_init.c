/*
 * Modelled on fs/file.c (Linux 6.1): the statically initialised init_files
 * (.count = ATOMIC_INIT(1)), get_files_struct()/put_files_struct() and the
 * "am I the only user" test atomic_read(&files->count) > 1.
 * Positive: ATOMIC_INIT in a designated initializer becomes REFCOUNT_INIT.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct files_struct {
	atomic_t count;
	bool resize_in_progress;
	spinlock_t file_lock;
	unsigned int next_fd;
};

struct files_struct init_files = {
	.count		= ATOMIC_INIT(1),
	.file_lock	= __SPIN_LOCK_UNLOCKED(init_files.file_lock),
};

bool files_shared(struct files_struct *files)
{
	return atomic_read(&files->count) > 1;
}

struct files_struct *get_files_struct(struct files_struct *files)
{
	atomic_inc(&files->count);
	return files;
}

void put_files_struct(struct files_struct *files)
{
	if (atomic_dec_and_test(&files->count)) {
		if (files != &init_files)
			kfree(files);
	}
}

MODULE_LICENSE("GPL");
