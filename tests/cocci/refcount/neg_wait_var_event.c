/*
 * Modelled on drivers/gpu/drm/display/drm_dp_aux_dev.c (Linux 6.1): usecount
 * is set to 1, taken with atomic_inc_not_zero() by open/read, the last put
 * calls wake_up_var(&aux_dev->usecount), and unregister drops the initial
 * reference and waits with wait_var_event(&aux_dev->usecount, ...).
 * Negative: &x->F passed to wake_up_var()/wait_var_event() blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/wait_bit.h>

struct drm_dp_aux_dev {
	unsigned int index;
	atomic_t usecount;
};

void alloc_drm_dp_aux_dev(struct drm_dp_aux_dev *aux_dev)
{
	atomic_set(&aux_dev->usecount, 1);
}

ssize_t auxdev_read_iter(struct drm_dp_aux_dev *aux_dev)
{
	if (!atomic_inc_not_zero(&aux_dev->usecount))
		return -ENODEV;

	/* ... transfer ... */

	if (atomic_dec_and_test(&aux_dev->usecount))
		wake_up_var(&aux_dev->usecount);
	return 0;
}

void drm_dp_aux_unregister_devnode(struct drm_dp_aux_dev *aux_dev)
{
	if (!atomic_dec_and_test(&aux_dev->usecount))
		wait_var_event(&aux_dev->usecount,
			       !atomic_read(&aux_dev->usecount));
}

MODULE_LICENSE("GPL");
