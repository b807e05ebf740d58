/*
 * Modelled on drivers/net/ethernet/chelsio/cxgb4/l2t.c (Linux 6.1): an L2T
 * entry is held with atomic_add_return(1, &e->refcnt) == 1 to detect the
 * 0 -> 1 transition and take it off the free count; released with
 * atomic_dec_and_test().
 * Negative: atomic_add_return blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/spinlock.h>

struct l2t_entry {
	u16 state;
	atomic_t refcnt;
	spinlock_t lock;
};

struct l2t_data {
	atomic_t nfree;
};

void t4_init_l2t_entry(struct l2t_entry *e)
{
	spin_lock_init(&e->lock);
	atomic_set(&e->refcnt, 1);
}

void l2t_hold(struct l2t_data *d, struct l2t_entry *e)
{
	if (atomic_add_return(1, &e->refcnt) == 1)  /* 0 -> 1 transition */
		atomic_dec(&d->nfree);
}

void cxgb4_l2t_release(struct l2t_data *d, struct l2t_entry *e)
{
	if (atomic_dec_and_test(&e->refcnt))
		atomic_inc(&d->nfree);
}

MODULE_LICENSE("GPL");
