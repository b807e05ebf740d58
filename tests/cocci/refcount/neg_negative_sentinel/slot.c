/*
 * Modelled on slots marked dead with a negative count (atomic_set(.., -1)),
 * a pattern refcount_t cannot hold.
 * Negative: kept, and the reason names the sentinel.
 */
#include <linux/atomic.h>
#include <linux/slab.h>

#define SLOT_DEAD	-1

struct slot {
	atomic_t users;
	void *mem;
};

struct slot *slot_new(void)
{
	struct slot *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (s)
		atomic_set(&s->users, 1);
	return s;
}

int slot_get(struct slot *s)
{
	return atomic_inc_not_zero(&s->users);
}

void slot_put(struct slot *s)
{
	if (atomic_dec_and_test(&s->users)) {
		kfree(s->mem);
		kfree(s);
	}
}

/* mark a slot that must never be taken again */
void slot_kill(struct slot *s)
{
	atomic_set(&s->users, -1);
}

bool slot_dead(struct slot *s)
{
	return atomic_read(&s->users) == SLOT_DEAD;
}
