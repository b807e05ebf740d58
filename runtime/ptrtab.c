// SPDX-License-Identifier: GPL-2.0
/* Pointer-keyed chained hash used by the debug trackers (see internal.h). */
#include <stdint.h>
#include <stdlib.h>

#include "internal.h"

static size_t bucket(const void *key, size_t nbuckets)
{
	uint64_t x = (uint64_t)(uintptr_t)key;

	x ^= x >> 29;
	x *= 0x9e3779b97f4a7c15ull;
	return (size_t)(x >> 32) & (nbuckets - 1);
}

struct ptrtab_node **ptrtab_find(struct ptrtab *t, const void *key)
{
	struct ptrtab_node **pp;

	if (!t->tab)
		return NULL;
	for (pp = &t->tab[bucket(key, t->nbuckets)]; *pp; pp = &(*pp)->next)
		if ((*pp)->key == key)
			return pp;
	return NULL;
}

static void link_node(struct ptrtab *t, struct ptrtab_node *node)
{
	struct ptrtab_node **head = &t->tab[bucket(node->key, t->nbuckets)];

	node->next = *head;
	*head = node;
}

/* Double the bucket array; on failure keep the old one (only slower). */
static void grow(struct ptrtab *t)
{
	size_t oldn = t->nbuckets, n = oldn ? oldn * 2 : 256, i;
	struct ptrtab_node **old = t->tab, *node, *next;

	t->tab = calloc(n, sizeof(*t->tab));
	if (!t->tab) {
		t->tab = old;
		return;
	}
	t->nbuckets = n;
	for (i = 0; i < oldn; i++) {
		for (node = old[i]; node; node = next) {
			next = node->next;
			link_node(t, node);
		}
	}
	free(old);
}

bool ptrtab_insert(struct ptrtab *t, struct ptrtab_node *node)
{
	if (t->n >= t->nbuckets)
		grow(t);
	if (!t->tab)
		return false;
	node->seq = t->seq++;
	link_node(t, node);
	t->n++;
	return true;
}

struct ptrtab_node *ptrtab_remove(struct ptrtab *t, struct ptrtab_node **pp)
{
	struct ptrtab_node *node = *pp;

	*pp = node->next;
	t->n--;
	return node;
}

void ptrtab_rekey(struct ptrtab *t, struct ptrtab_node **pp, const void *key)
{
	struct ptrtab_node *node = *pp;

	*pp = node->next;
	node->key = key;
	link_node(t, node);
}

static int cmp_seq(const void *a, const void *b)
{
	const struct ptrtab_node *x = *(struct ptrtab_node *const *)a;
	const struct ptrtab_node *y = *(struct ptrtab_node *const *)b;

	return (x->seq > y->seq) - (x->seq < y->seq);
}

size_t ptrtab_for_each_ordered(struct ptrtab *t, void (*fn)(struct ptrtab_node *))
{
	struct ptrtab_node **list, *node;
	size_t i, n = 0;

	if (!t->n)
		return 0;
	list = malloc(t->n * sizeof(*list));
	for (i = 0; i < t->nbuckets; i++) {
		for (node = t->tab[i]; node; node = node->next) {
			if (list)
				list[n] = node;
			else
				fn(node);	/* no memory to sort: table order */
			n++;
		}
	}
	if (list) {
		qsort(list, n, sizeof(*list), cmp_seq);
		for (i = 0; i < n; i++)
			fn(list[i]);
		free(list);
	}
	return n;
}
