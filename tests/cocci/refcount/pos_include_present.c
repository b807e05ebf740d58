/*
 * Modelled on drivers/iommu/amd/iommu_v2.c (Linux 6.1): the file already
 * includes <linux/refcount.h> for pasid_state; device_state.count is still an
 * atomic_t set to 1, taken under state_lock, dropped with wake_up() on the
 * last put, and read inside wait_event() while freeing.
 * Positive: converts; no second #include <linux/refcount.h> is added, and
 * !atomic_read() inside wait_event() is a plain read, not a blocker.
 */
#include <linux/refcount.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/wait.h>

struct device_state {
	struct list_head list;
	u32 sbdf;
	atomic_t count;
	wait_queue_head_t wq;
};

DEFINE_SPINLOCK(state_lock);
LIST_HEAD(state_list);

struct device_state *get_device_state(u32 sbdf)
{
	struct device_state *dev_state, *ret = NULL;
	unsigned long flags;

	spin_lock_irqsave(&state_lock, flags);
	list_for_each_entry(dev_state, &state_list, list) {
		if (dev_state->sbdf == sbdf) {
			atomic_inc(&dev_state->count);
			ret = dev_state;
			break;
		}
	}
	spin_unlock_irqrestore(&state_lock, flags);

	return ret;
}

void free_device_state(struct device_state *dev_state)
{
	wait_event(dev_state->wq, !atomic_read(&dev_state->count));
	kfree(dev_state);
}

void put_device_state(struct device_state *dev_state)
{
	if (atomic_dec_and_test(&dev_state->count))
		wake_up(&dev_state->wq);
}

struct device_state *alloc_device_state(u32 sbdf)
{
	struct device_state *dev_state;

	dev_state = kzalloc(sizeof(*dev_state), GFP_KERNEL);
	if (dev_state == NULL)
		return NULL;

	dev_state->sbdf = sbdf;
	atomic_set(&dev_state->count, 1);
	init_waitqueue_head(&dev_state->wq);
	return dev_state;
}

MODULE_LICENSE("GPL");
