/* SPDX-License-Identifier: GPL-2.0 */
/* Shared between the runtime's source files; not installed. */
#ifndef REFCONV_RUNTIME_INTERNAL_H
#define REFCONV_RUNTIME_INTERNAL_H

#include <refconv/reftrack.h>

/*
 * refconv_warn() - print one diagnostic line on stderr:
 * "file:line: WARNING: who: message" (without "file:line: " if @file is NULL).
 * The whole line is written with one call so that lines from different
 * threads do not interleave.
 */
void refconv_warn(const char *who, const char *file, int line, const char *fmt, ...)
	__attribute__((__format__(__printf__, 4, 5)));

/*
 * struct ptrtab - chained hash of nodes keyed by a pointer (or an id cast to
 * one), for the debug trackers. Not locked: callers hold their own mutex.
 * Embed struct ptrtab_node in the record; nodes are not allocated here.
 */
struct ptrtab_node {
	struct ptrtab_node *next;
	const void *key;
	unsigned long seq;	/* insertion order, for reports */
};

struct ptrtab {
	struct ptrtab_node **tab;
	size_t nbuckets, n;
	unsigned long seq;
};

/* Slot pointing at the node with @key, or NULL. */
struct ptrtab_node **ptrtab_find(struct ptrtab *t, const void *key);
/* Insert @node under node->key; false if the table could not be created. */
bool ptrtab_insert(struct ptrtab *t, struct ptrtab_node *node);
/* Unlink the node at slot @pp (from ptrtab_find()) and return it. */
struct ptrtab_node *ptrtab_remove(struct ptrtab *t, struct ptrtab_node **pp);
/* Move the node at slot @pp to @key, keeping its insertion order. */
void ptrtab_rekey(struct ptrtab *t, struct ptrtab_node **pp, const void *key);
/* Call @fn on every node in insertion order; returns the number of nodes. */
size_t ptrtab_for_each_ordered(struct ptrtab *t, void (*fn)(struct ptrtab_node *));

#endif /* REFCONV_RUNTIME_INTERNAL_H */
