/*
 * Modelled on fs/configfs/dir.c (Linux 6.1): configfs_fragment allocated with
 * its count set to 1, get_fragment()/put_fragment() pair, last put frees.
 * Positive: set(1) + inc + dec_and_test all convert, refcount.h is added
 * after <linux/atomic.h>.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/slab.h>

struct configfs_fragment {
	atomic_t frag_count;
	struct rw_semaphore frag_sem;
	bool frag_dead;
};

struct configfs_fragment *new_fragment(void)
{
	struct configfs_fragment *p;

	p = kmalloc(sizeof(struct configfs_fragment), GFP_KERNEL);
	if (p) {
		atomic_set(&p->frag_count, 1);
		init_rwsem(&p->frag_sem);
		p->frag_dead = false;
	}
	return p;
}

void put_fragment(struct configfs_fragment *frag)
{
	if (frag && atomic_dec_and_test(&frag->frag_count))
		kfree(frag);
}

struct configfs_fragment *get_fragment(struct configfs_fragment *frag)
{
	if (likely(frag))
		atomic_inc(&frag->frag_count);
	return frag;
}

MODULE_LICENSE("GPL");
