// SPDX-License-Identifier: GPL-2.0
/*
 * reftrack heap: allocation, release and the REFTRACK_DEBUG live table.
 *
 * Decisions that differ from the seed's lkrcmm.h:
 * - the count is never allowed to wrap (see reftrack_count_error_());
 * - an object is never moved while more than one reference exists;
 * - no freed header is read to detect a double free: the debug table is
 *   consulted first, and without REFTRACK_DEBUG the mark is only a cheap
 *   check for pointers that were never reftrack objects.
 */
#include <errno.h>
#include <malloc.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

/* the library defines the out-of-line versions */
#undef rc_malloc
#undef rc_free

/* The REFTRACK_DEBUG prototypes are needed here whatever the build mode. */
void *rc_malloc_dbg_(size_t n, const char *file, int line);
void *rc_calloc_dbg_(size_t n, size_t size, const char *file, int line);
void *rc_realloc_dbg_(void *p, size_t n, const char *file, int line);
void rc_free_dbg_(void *p, const char *file, int line);

#define HDR_SIZE sizeof(struct reftrack_hdr)

/*
 * Live table of REFTRACK_DEBUG objects: body pointer -> allocation site.
 * One mutex covers the table and, in debug mode, every count change, so that
 * a lookup and the operation it guards cannot be separated by a concurrent
 * free.
 */
struct dbg_obj {
	struct ptrtab_node node;	/* key: the object */
	size_t size;
	const char *file;
	int line;
};

static pthread_mutex_t dbg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct ptrtab dbg_tab;
/* what print_mem_stats() shows: debug objects allocated and freed so far */
static size_t dbg_allocs, dbg_frees;
static pthread_once_t dbg_atexit_once = PTHREAD_ONCE_INIT;

static void dbg_report_at_exit(void)
{
	reftrack_debug_report();
}

static void dbg_register_atexit(void)
{
	atexit(dbg_report_at_exit);
}

static struct ptrtab_node **dbg_find(const void *p)
{
	return ptrtab_find(&dbg_tab, p);
}

/* Called with dbg_lock held. Returns false if out of memory. */
static bool dbg_insert(const void *p, size_t size, const char *file, int line)
{
	struct dbg_obj *o = malloc(sizeof(*o));

	if (!o)
		return false;
	o->node.key = p;
	o->size = size;
	o->file = file;
	o->line = line;
	if (!ptrtab_insert(&dbg_tab, &o->node)) {
		free(o);
		return false;
	}
	dbg_allocs++;
	return true;
}

static void dbg_unlink(struct ptrtab_node **pp)
{
	dbg_frees++;
	free(ptrtab_remove(&dbg_tab, pp));
}

/* Called with dbg_lock held: the object at *pp moved to @p, now @size bytes. */
static void dbg_rekey(struct ptrtab_node **pp, const void *p, size_t size)
{
	((struct dbg_obj *)*pp)->size = size;
	ptrtab_rekey(&dbg_tab, pp, p);
}

static void hdr_init(struct reftrack_hdr *h)
{
	refcount_set(&h->rc, 0);
	h->mark = reftrack_mark_of_(h);
	h->dtor = NULL;
}

static bool total_size(size_t n, size_t *total)
{
	if (__builtin_add_overflow(n, HDR_SIZE, total)) {
		errno = ENOMEM;
		return false;
	}
	return true;
}

MALLOC_LIKE void *rc_malloc(size_t n)
{
	struct reftrack_hdr *h;
	size_t total;

	if (!total_size(n, &total))
		return NULL;
	h = malloc(total);
	if (!h)
		return NULL;
	hdr_init(h);
	return reftrack_body_(h);
}

MALLOC_LIKE void *rc_calloc(size_t n, size_t size)
{
	struct reftrack_hdr *h;
	size_t bytes, total;

	if (__builtin_mul_overflow(n, size, &bytes) || !total_size(bytes, &total)) {
		errno = ENOMEM;
		return NULL;
	}
	h = calloc(1, total);
	if (!h)
		return NULL;
	hdr_init(h);
	return reftrack_body_(h);
}

/* Frees a checked object; the caller has unlinked it from the debug table. */
static void hdr_free(struct reftrack_hdr *h)
{
	h->mark = 0;	/* advisory: makes a stale header look foreign */
	free(h);
}

/* rc_free()'s decision, on an object already known to be live. */
static void free_checked(void *p, const char *file, int line, bool dbg_held)
{
	struct reftrack_hdr *h = reftrack_hdr(p);
	int count = atomic_load_explicit(&h->rc.refs.counter, memory_order_acquire);

	if (count != 0) {
		refconv_warn("reftrack", file, line,
			     "rc_free of object %p with %d reference(s) ignored; the last removeref frees it",
			     p, count);
		return;
	}
	if (dbg_held)
		dbg_unlink(dbg_find(p));
	hdr_free(h);
}

void rc_free(void *p)
{
	if (p && reftrack_hdr_checked_(p, "rc_free"))
		free_checked(p, NULL, 0, false);
}

/* Resize; @held says whether the debug table lock is held and @p in it. */
static void *realloc_checked(void *p, size_t n, const char *file, int line,
			     bool held)
{
	struct reftrack_hdr *h = reftrack_hdr(p), *nh;
	int count = atomic_load_explicit(&h->rc.refs.counter, memory_order_acquire);
	size_t total;

	if (!total_size(n, &total))
		return NULL;
	if (count > 1 || count < 0) {
		if (malloc_usable_size(h) >= total)
			return p;	/* fits: nobody's pointer changes */
		refconv_warn("reftrack", file, line,
			     "rc_realloc of object %p to %zu bytes refused: it would move while %d references exist",
			     p, n, count);
		errno = EBUSY;
		return NULL;
	}
	h->mark = 0;
	nh = realloc(h, total);
	if (!nh) {
		h->mark = reftrack_mark_of_(h);
		return NULL;
	}
	nh->mark = reftrack_mark_of_(nh);
	if (held)
		dbg_rekey(dbg_find(p), reftrack_body_(nh), n);
	return reftrack_body_(nh);
}

void *rc_realloc(void *p, size_t n)
{
	if (!p)
		return rc_malloc(n);
	if (!n) {
		rc_free(p);
		return NULL;
	}
	if (!reftrack_hdr_checked_(p, "rc_realloc")) {
		errno = EINVAL;
		return NULL;
	}
	return realloc_checked(p, n, NULL, 0, false);
}

void reftrack_set_dtor(void *p, void (*dtor)(void *))
{
	reftrack_hdr(p)->dtor = dtor;
}

void reftrack_bad_pointer_(const void *p, const char *who)
{
	refconv_warn("reftrack", NULL, 0,
		     "%s: %p is not a live reftrack object (foreign, stale or already freed pointer); ignored",
		     who, p);
}

/*
 * A count left the valid range: @old is the value before an increment that
 * overflowed (REFCOUNT_MAX), before a decrement of a count that was 0, or a
 * saturated (negative) value. Park it at REFCOUNT_SATURATED for good; warn
 * unless it was already saturated.
 */
void reftrack_count_error_(const void *p, int old, const char *who)
{
	struct reftrack_hdr *h = reftrack_hdr(p);

	atomic_store_explicit(&h->rc.refs.counter, REFCOUNT_SATURATED,
			      memory_order_relaxed);
	if (old < 0)
		return;
	refconv_warn("reftrack", NULL, 0, "%s: object %p: %s; count saturated, object leaked",
		     who, p, old == 0 ? "underflow (no reference to drop); use-after-free?" :
		     "count overflow");
}

void reftrack_release_(void *p, void (*dtor)(void *))
{
	struct reftrack_hdr *h = reftrack_hdr(p);

	if (!dtor)
		dtor = h->dtor;
	if (dtor)
		dtor(p);
	hdr_free(h);
}

/* Debug entry points: every decision is taken under dbg_lock. */

static void *dbg_track(void *p, size_t n, const char *file, int line)
{
	if (!p)
		return NULL;
	pthread_once(&dbg_atexit_once, dbg_register_atexit);
	pthread_mutex_lock(&dbg_lock);
	if (!dbg_insert(p, n, file, line)) {
		pthread_mutex_unlock(&dbg_lock);
		hdr_free(reftrack_hdr(p));
		errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_unlock(&dbg_lock);
	return p;
}

void *rc_malloc_dbg_(size_t n, const char *file, int line)
{
	return dbg_track(rc_malloc(n), n, file, line);
}

void *rc_calloc_dbg_(size_t n, size_t size, const char *file, int line)
{
	return dbg_track(rc_calloc(n, size), n * size, file, line);
}

static void dbg_unknown(const void *p, const char *who, const char *file, int line)
{
	refconv_warn("reftrack", file, line,
		     "%s: %p is not a live reftrack object (double free, stale or foreign pointer); ignored",
		     who, p);
}

void rc_free_dbg_(void *p, const char *file, int line)
{
	if (!p)
		return;
	pthread_mutex_lock(&dbg_lock);
	if (!dbg_find(p))
		dbg_unknown(p, "rc_free", file, line);
	else
		free_checked(p, file, line, true);
	pthread_mutex_unlock(&dbg_lock);
}

void *rc_realloc_dbg_(void *p, size_t n, const char *file, int line)
{
	void *r = NULL;

	if (!p)
		return rc_malloc_dbg_(n, file, line);
	if (!n) {
		rc_free_dbg_(p, file, line);
		return NULL;
	}
	pthread_mutex_lock(&dbg_lock);
	if (!dbg_find(p)) {
		dbg_unknown(p, "rc_realloc", file, line);
		errno = EINVAL;
	} else {
		r = realloc_checked(p, n, file, line, true);
	}
	pthread_mutex_unlock(&dbg_lock);
	return r;
}

void reftrack_get_dbg_(const void *p, const char *who)
{
	int old;

	pthread_mutex_lock(&dbg_lock);
	if (!dbg_find(p)) {
		pthread_mutex_unlock(&dbg_lock);
		dbg_unknown(p, who, NULL, 0);
		return;
	}
	old = atomic_fetch_add_explicit(&reftrack_hdr(p)->rc.refs.counter, 1,
					memory_order_relaxed);
	if (old < 0 || old == REFCOUNT_MAX)
		reftrack_count_error_(p, old, who);
	pthread_mutex_unlock(&dbg_lock);
}

void reftrack_put_dbg_(const void *p, void (*dtor)(void *), const char *who)
{
	struct ptrtab_node **pp;
	int old;

	pthread_mutex_lock(&dbg_lock);
	pp = dbg_find(p);
	if (!pp) {
		pthread_mutex_unlock(&dbg_lock);
		dbg_unknown(p, who, NULL, 0);
		return;
	}
	old = atomic_fetch_sub_explicit(&reftrack_hdr(p)->rc.refs.counter, 1,
					memory_order_release);
	if (old == 1) {
		acquire_after_dec_(&reftrack_hdr(p)->rc.refs.counter);
		dbg_unlink(pp);
		pthread_mutex_unlock(&dbg_lock);
		/* outside the lock: the destructor may drop other objects */
		reftrack_release_((void *)(uintptr_t)p, dtor);
		return;
	}
	if (old <= 0)
		reftrack_count_error_(p, old, who);
	pthread_mutex_unlock(&dbg_lock);
}

size_t reftrack_live_count(void)
{
	size_t n;

	pthread_mutex_lock(&dbg_lock);
	n = dbg_tab.n;
	pthread_mutex_unlock(&dbg_lock);
	return n;
}

void reftrack_mem_stats(size_t *allocs, size_t *frees)
{
	pthread_mutex_lock(&dbg_lock);
	*allocs = dbg_allocs;
	*frees = dbg_frees;
	pthread_mutex_unlock(&dbg_lock);
}

static void dbg_report_one(struct ptrtab_node *node)
{
	struct dbg_obj *o = (struct dbg_obj *)node;

	refconv_warn("reftrack", o->file, o->line,
		     "leaked object %p (%zu bytes, %d reference(s)) allocated here",
		     node->key, o->size, REFTRACK_COUNT(node->key));
}

size_t reftrack_debug_report(void)
{
	size_t n;

	pthread_mutex_lock(&dbg_lock);
	n = ptrtab_for_each_ordered(&dbg_tab, dbg_report_one);
	pthread_mutex_unlock(&dbg_lock);
	return n;
}
