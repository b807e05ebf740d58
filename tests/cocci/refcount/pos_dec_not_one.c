/*
 * Modelled on fs/super.c (Linux 6.1): s_active is set to 1 in alloc_super(),
 * grabbed with atomic_inc_not_zero(), dropped lock-free with
 * atomic_add_unless(&s->s_active, -1, 1) unless it is the last reference,
 * which is dropped under s_umount with atomic_dec_and_test().
 * Positive: add_unless(-1, 1) becomes refcount_dec_not_one() (the two
 * constant arguments go away).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/slab.h>

struct super_block {
	struct rw_semaphore s_umount;
	atomic_t s_active;
	unsigned long s_flags;
};

struct super_block *alloc_super(void)
{
	struct super_block *s = kzalloc(sizeof(struct super_block), GFP_USER);

	if (!s)
		return NULL;
	init_rwsem(&s->s_umount);
	atomic_set(&s->s_active, 1);
	return s;
}

void deactivate_locked_super(struct super_block *s)
{
	if (atomic_dec_and_test(&s->s_active)) {
		up_write(&s->s_umount);
		kfree(s);
	} else {
		up_write(&s->s_umount);
	}
}

void deactivate_super(struct super_block *s)
{
	if (!atomic_add_unless(&s->s_active, -1, 1)) {
		down_write(&s->s_umount);
		deactivate_locked_super(s);
	}
}

int grab_super(struct super_block *s)
{
	down_write(&s->s_umount);
	if (atomic_inc_not_zero(&s->s_active)) {
		up_write(&s->s_umount);
		return 1;
	}
	up_write(&s->s_umount);
	return 0;
}

MODULE_LICENSE("GPL");
