/*
 * Modelled on net/netfilter/xt_hashlimit.c (Linux 6.1, with its refcount_t
 * turned back into atomic_t): a hash table is found by name under a mutex and
 * taken with atomic_inc_not_zero, and the last htable_put() unlinks it under
 * the mutex and destroys it. Positive: dec_and_mutex_lock, inc_not_zero and
 * set(1) convert; the table's entry count in the same struct (atomic_inc +
 * atomic_dec) stays atomic_t.
 */
#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <linux/string.h>

struct xt_hashlimit_htable {
	struct hlist_node node;
	atomic_t use;
	atomic_t count;
	char name[32];
};

static DEFINE_MUTEX(hashlimit_mutex);
static HLIST_HEAD(htables);

static void htable_destroy(struct xt_hashlimit_htable *hinfo)
{
	kfree(hinfo);
}

struct xt_hashlimit_htable *htable_find_get(const char *name)
{
	struct xt_hashlimit_htable *hinfo;

	hlist_for_each_entry(hinfo, &htables, node) {
		if (!strcmp(name, hinfo->name) && atomic_inc_not_zero(&hinfo->use))
			return hinfo;
	}
	return NULL;
}

int htable_create(const char *name)
{
	struct xt_hashlimit_htable *hinfo;

	hinfo = kzalloc(sizeof(*hinfo), GFP_KERNEL);
	if (!hinfo)
		return -ENOMEM;
	atomic_set(&hinfo->use, 1);
	strscpy(hinfo->name, name, sizeof(hinfo->name));
	hlist_add_head(&hinfo->node, &htables);
	return 0;
}

void htable_add_entry(struct xt_hashlimit_htable *hinfo)
{
	atomic_inc(&hinfo->count);
}

void htable_del_entry(struct xt_hashlimit_htable *hinfo)
{
	atomic_dec(&hinfo->count);
}

void htable_put(struct xt_hashlimit_htable *hinfo)
{
	if (atomic_dec_and_mutex_lock(&hinfo->use, &hashlimit_mutex)) {
		hlist_del(&hinfo->node);
		mutex_unlock(&hashlimit_mutex);
		htable_destroy(hinfo);
	}
}

MODULE_LICENSE("GPL");
