/*
 * Modelled on drivers/hwtracing/intel_th/msu.c (Linux 6.1): mmap_count is set
 * to 1 by mmap, taken by vm_ops->open and dropped by vm_ops->close with
 * atomic_dec_and_mutex_lock(). Negative: the last close only drops
 * user_count (a state change); nothing's life ends at zero, so mmap_count
 * counts mappings, not references, and upstream keeps it atomic_t.
 */
#include <linux/atomic.h>
#include <linux/bug.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>

struct msc {
	atomic_t user_count;
	atomic_t mmap_count;
	struct mutex buf_mutex;
	unsigned long nr_pages;
};

struct msc_iter {
	struct msc *msc;
};

void msc_mmap_open(struct vm_area_struct *vma)
{
	struct msc_iter *iter = vma->vm_file->private_data;
	struct msc *msc = iter->msc;

	WARN_ON(!atomic_inc_not_zero(&msc->mmap_count));
}

void msc_mmap_close(struct vm_area_struct *vma)
{
	struct msc_iter *iter = vma->vm_file->private_data;
	struct msc *msc = iter->msc;

	if (!atomic_dec_and_mutex_lock(&msc->mmap_count, &msc->buf_mutex))
		return;

	/* last mapping -- drop user_count */
	atomic_dec(&msc->user_count);
	mutex_unlock(&msc->buf_mutex);
}

int intel_th_msc_mmap(struct file *file, struct vm_area_struct *vma)
{
	struct msc_iter *iter = vma->vm_file->private_data;
	struct msc *msc = iter->msc;

	if (atomic_cmpxchg(&msc->user_count, -1, 0) == -1)
		return -EINVAL;

	atomic_set(&msc->mmap_count, 1);
	return 0;
}

MODULE_LICENSE("GPL");
