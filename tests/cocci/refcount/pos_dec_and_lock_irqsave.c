/*
 * Modelled on kernel/ucount.c (Linux 6.1): ucounts are hashed under a
 * spinlock, found with a get that fails on 0, and the last put unhashes and
 * frees them with atomic_dec_and_lock_irqsave(), whose refcount_t
 * counterpart takes the flags by pointer.
 * Positive: dec_and_lock_irqsave(.., flags) becomes
 * refcount_dec_and_lock_irqsave(.., &flags); inc_not_zero and set convert.
 */
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static DEFINE_SPINLOCK(ucounts_lock);

struct ucounts {
	struct hlist_node node;
	atomic_t count;
	unsigned int uid;
};

struct ucounts *alloc_ucounts(struct hlist_head *head, unsigned int uid)
{
	struct ucounts *new = kzalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	new->uid = uid;
	atomic_set(&new->count, 1);
	spin_lock_irq(&ucounts_lock);
	hlist_add_head(&new->node, head);
	spin_unlock_irq(&ucounts_lock);
	return new;
}

struct ucounts *find_ucounts(struct hlist_head *head, unsigned int uid)
{
	struct ucounts *ucounts;

	hlist_for_each_entry(ucounts, head, node) {
		if (ucounts->uid == uid && atomic_inc_not_zero(&ucounts->count))
			return ucounts;
	}
	return NULL;
}

void put_ucounts(struct ucounts *ucounts)
{
	unsigned long flags;

	if (atomic_dec_and_lock_irqsave(&ucounts->count, &ucounts_lock, flags)) {
		hlist_del_init(&ucounts->node);
		spin_unlock_irqrestore(&ucounts_lock, flags);
		kfree(ucounts);
	}
}

MODULE_LICENSE("GPL");
