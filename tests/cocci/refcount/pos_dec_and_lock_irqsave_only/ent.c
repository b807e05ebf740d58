/*
 * Modelled on hashed entries released only with atomic_dec_and_lock_irqsave()
 * (Linux 6.1: kernel/ucount.c's put_ucounts()): the field is a candidate
 * although no dec_and_test appears.
 * Positive: converts, with &flags.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/spinlock.h>

struct hent {
	struct list_head node;
	atomic_t ref;
	int key;
};

static LIST_HEAD(htable);
static DEFINE_SPINLOCK(hlock);

struct hent *hent_new(int key)
{
	struct hent *e = kzalloc(sizeof(*e), GFP_KERNEL);
	unsigned long flags;

	if (!e)
		return NULL;
	e->key = key;
	atomic_set(&e->ref, 1);
	spin_lock_irqsave(&hlock, flags);
	list_add(&e->node, &htable);
	spin_unlock_irqrestore(&hlock, flags);
	return e;
}

struct hent *hent_get(struct hent *e)
{
	if (!atomic_inc_not_zero(&e->ref))
		return NULL;
	return e;
}

/* may be called from hard irq context */
void hent_put(struct hent *e)
{
	unsigned long flags;

	if (!atomic_dec_and_lock_irqsave(&e->ref, &hlock, flags))
		return;
	list_del(&e->node);
	spin_unlock_irqrestore(&hlock, flags);
	kfree(e);
}
