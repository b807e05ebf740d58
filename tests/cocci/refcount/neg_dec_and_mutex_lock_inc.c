/*
 * Modelled on drivers/hwtracing/intel_th/msu.c (Linux 6.1): mmap_count is set
 * to 1 by mmap, taken by vm_ops->open and dropped by vm_ops->close with
 * atomic_dec_and_mutex_lock(). Negative: mmap_count pairs the lock-based
 * release with a plain atomic_inc (see neg_dec_and_lock_inc.c), and user_count
 * is blocked by atomic_dec and atomic_cmpxchg; both stay atomic_t.
 */
#include <linux/atomic.h>
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

	atomic_inc(&msc->mmap_count);
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
