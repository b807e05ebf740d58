/*
 * Modelled on include/linux/fs.h + fs/file_table.c (f_count is an
 * atomic_long_t), fs/btrfs/delayed-ref.h (atomic64-style sequence counts)
 * and drivers/block/rbd.c (struct kref) in Linux 6.1: reference counts of
 * other types released with their own dec_and_test.
 * Negative: atomic_long_t, atomic64_t and kref are out of scope.
 */
#include <linux/atomic.h>
#include <linux/kref.h>
#include <linux/module.h>
#include <linux/slab.h>

struct file_model {
	atomic_long_t f_count;
	atomic64_t f_version;
	struct kref kref;
};

void file_model_init(struct file_model *f)
{
	atomic_long_set(&f->f_count, 1);
	atomic64_set(&f->f_version, 1);
	kref_init(&f->kref);
}

void file_model_release(struct kref *kref)
{
	kfree(container_of(kref, struct file_model, kref));
}

void fput_model(struct file_model *f)
{
	atomic64_inc(&f->f_version);
	if (atomic64_dec_and_test(&f->f_version))
		return;
	if (atomic_long_dec_and_test(&f->f_count))
		kref_put(&f->kref, file_model_release);
}

MODULE_LICENSE("GPL");
