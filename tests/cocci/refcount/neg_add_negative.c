/*
 * Modelled on kernel/ucount.c (Linux 6.1): get_ucounts() takes a reference
 * with !atomic_add_negative(1, &ucounts->count) to detect wrapping, and
 * put_ucounts() unhashes the last reference under ucounts_lock (the real code
 * uses atomic_dec_and_lock_irqsave; this case uses atomic_dec_and_lock so that
 * add_negative is the only blocker).
 * Negative: atomic_add_negative blocks the field.
 */
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

struct ucounts {
	struct hlist_node node;
	atomic_t count;
};

DEFINE_SPINLOCK(ucounts_lock);

void put_ucounts(struct ucounts *ucounts)
{
	if (atomic_dec_and_lock(&ucounts->count, &ucounts_lock)) {
		hlist_del_init(&ucounts->node);
		spin_unlock(&ucounts_lock);
		kfree(ucounts);
	}
}

struct ucounts *get_ucounts(struct ucounts *ucounts)
{
	if (atomic_add_negative(1, &ucounts->count)) {
		put_ucounts(ucounts);
		ucounts = NULL;
	}
	return ucounts;
}

struct ucounts *alloc_ucounts(void)
{
	struct ucounts *new = kzalloc(sizeof(*new), GFP_KERNEL);

	if (new)
		atomic_set(&new->count, 1);
	return new;
}

MODULE_LICENSE("GPL");
