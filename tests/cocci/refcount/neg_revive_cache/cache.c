/*
 * Modelled on caches whose entries stay hashed at count 0 and are revived by
 * a lookup's atomic_inc() under the cache lock (Linux 6.1: dcache-style
 * lockref users written with atomic_t).
 * Negative: the last put frees nothing, so the count is not a reference count.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

struct centry {
	struct list_head hash;
	struct list_head lru;
	unsigned long key;
	atomic_t count;
};

static LIST_HEAD(cache_hash);
static LIST_HEAD(cache_unused);
static DEFINE_SPINLOCK(cache_lock);
static void cache_shrink_fn(struct work_struct *w);
static DECLARE_WORK(cache_shrink_work, cache_shrink_fn);

struct centry *centry_new(unsigned long key)
{
	struct centry *e = kmalloc(sizeof(*e), GFP_KERNEL);

	if (!e)
		return NULL;
	e->key = key;
	INIT_LIST_HEAD(&e->lru);
	atomic_set(&e->count, 1);
	spin_lock(&cache_lock);
	list_add(&e->hash, &cache_hash);
	spin_unlock(&cache_lock);
	return e;
}

/* unused entries stay hashed at count 0 so a lookup can reuse them */
struct centry *centry_lookup(unsigned long key)
{
	struct centry *e;

	spin_lock(&cache_lock);
	list_for_each_entry(e, &cache_hash, hash) {
		if (e->key == key) {
			atomic_inc(&e->count);
			list_del_init(&e->lru);
			spin_unlock(&cache_lock);
			return e;
		}
	}
	spin_unlock(&cache_lock);
	return NULL;
}

void centry_put(struct centry *e)
{
	if (atomic_dec_and_test(&e->count)) {
		spin_lock(&cache_lock);
		list_add_tail(&e->lru, &cache_unused);
		spin_unlock(&cache_lock);
		schedule_work(&cache_shrink_work);
	}
}

static void cache_shrink_fn(struct work_struct *w)
{
	struct centry *e, *tmp;

	spin_lock(&cache_lock);
	list_for_each_entry_safe(e, tmp, &cache_unused, lru) {
		if (atomic_read(&e->count))
			continue;
		list_del(&e->lru);
		list_del(&e->hash);
		kfree(e);
	}
	spin_unlock(&cache_lock);
}
