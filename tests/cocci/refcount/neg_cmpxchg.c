/*
 * Modelled on fs/mbcache.c (Linux 6.1): a cache entry starts with e_refcnt
 * 2 (hash table + caller), lookups take it with atomic_inc_not_zero(), and
 * mb_cache_entry_delete_or_get() only deletes an unused entry with
 * atomic_cmpxchg(&entry->e_refcnt, 2, 0).
 * Negative: atomic_cmpxchg blocks the field.
 */
#include <linux/atomic.h>
#include <linux/list_bl.h>
#include <linux/module.h>
#include <linux/slab.h>

struct mb_cache_entry {
	struct hlist_bl_node e_hash_list;
	atomic_t e_refcnt;
	u32 e_key;
};

void mb_cache_entry_init(struct mb_cache_entry *entry, u32 key)
{
	entry->e_key = key;
	atomic_set(&entry->e_refcnt, 2);
}

struct mb_cache_entry *mb_cache_entry_get(struct mb_cache_entry *entry)
{
	if (!atomic_inc_not_zero(&entry->e_refcnt))
		return NULL;
	return entry;
}

bool mb_cache_entry_delete_or_get(struct mb_cache_entry *entry)
{
	return atomic_cmpxchg(&entry->e_refcnt, 2, 0) == 2;
}

void mb_cache_entry_put(struct mb_cache_entry *entry)
{
	if (atomic_dec_and_test(&entry->e_refcnt))
		kfree(entry);
}

MODULE_LICENSE("GPL");
