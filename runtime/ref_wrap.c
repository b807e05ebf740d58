// SPDX-License-Identifier: GPL-2.0
/*
 * REF_DEBUG tracker for struct ref wrappers: a table of live references keyed
 * by a serial id stored in the wrapper. Keying by id rather than by a pointer
 * to the record means a stale or copied wrapper can never make the tracker
 * touch freed memory: its id is simply not found.
 */
#include <stdlib.h>

#include <refconv/ref_wrap.h>

#include "internal.h"

struct live_ref {
	struct ptrtab_node node;	/* key: the id */
	const void *ptr;
	const char *tag;
	const char *file;
	int line;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct ptrtab live;
static unsigned long next_id = 1;
static pthread_once_t atexit_once = PTHREAD_ONCE_INIT;

static void report_at_exit(void)
{
	ref_debug_report();
}

static void register_atexit(void)
{
	atexit(report_at_exit);
}

static const void *id_key(unsigned long id)
{
	return (const void *)(uintptr_t)id;
}

/* Called with the lock held: forget @d's live record, if any. */
static struct live_ref *take_record(struct ref_debug_info *d)
{
	struct ptrtab_node **pp;

	if (!d->id)
		return NULL;
	pp = ptrtab_find(&live, id_key(d->id));
	d->id = 0;
	return pp ? (struct live_ref *)ptrtab_remove(&live, pp) : NULL;
}

/* Called with the lock held: @d is about to be overwritten by @how. */
static void drop_overwritten(struct ref_debug_info *d, const char *tag,
			     const char *how, const char *file, int line)
{
	struct live_ref *old = take_record(d);

	if (old)
		refconv_warn("ref_debug", file, line,
			     "%s reference acquired at %s:%d overwritten by %s without release (leak)",
			     tag, old->file, old->line, how);
	free(old);
}

void ref_debug_acquire(struct ref_debug_info *d, const void *ptr,
		       const char *tag, const char *file, int line)
{
	struct live_ref *rec = malloc(sizeof(*rec));

	pthread_once(&atexit_once, register_atexit);
	pthread_mutex_lock(&lock);
	drop_overwritten(d, tag, "an acquire", file, line);
	if (rec) {
		rec->node.key = id_key(next_id);
		rec->ptr = ptr;
		rec->tag = tag;
		rec->file = file;
		rec->line = line;
		if (ptrtab_insert(&live, &rec->node)) {
			d->id = next_id++;
			rec = NULL;
		}
	}
	d->acq_file = file;
	d->acq_line = line;
	d->rel_file = NULL;
	d->rel_line = 0;
	pthread_mutex_unlock(&lock);
	free(rec);	/* only if it could not be recorded */
}

bool ref_debug_release(struct ref_debug_info *d, const void *ptr,
		       const char *tag, const char *file, int line)
{
	struct live_ref *rec;
	bool ok = true;

	pthread_mutex_lock(&lock);
	rec = take_record(d);
	if (!rec && d->rel_file) {
		refconv_warn("ref_debug", file, line,
			     "double release of %s reference: acquired at %s:%d, first released at %s:%d",
			     tag, d->acq_file ? d->acq_file : "?", d->acq_line,
			     d->rel_file, d->rel_line);
		ok = false;
	} else if (!rec && !ptr) {
		refconv_warn("ref_debug", file, line,
			     "release of empty %s reference (never acquired)", tag);
		ok = false;
	}
	/* !rec with a pointer: acquired while the tracker was out of memory */
	if (ok) {
		d->rel_file = file;
		d->rel_line = line;
	}
	pthread_mutex_unlock(&lock);
	free(rec);
	return ok;
}

void ref_debug_move(struct ref_debug_info *dst, struct ref_debug_info *src,
		    const char *tag, const char *file, int line)
{
	pthread_mutex_lock(&lock);
	drop_overwritten(dst, tag, "a move", file, line);
	*dst = *src;
	src->id = 0;
	src->rel_file = file;
	src->rel_line = line;
	pthread_mutex_unlock(&lock);
}

static void report_one(struct ptrtab_node *node)
{
	struct live_ref *rec = (struct live_ref *)node;

	refconv_warn("ref_debug", rec->file, rec->line,
		     "leaked %s reference to %p acquired here", rec->tag, rec->ptr);
}

size_t ref_debug_report(void)
{
	size_t n;

	pthread_mutex_lock(&lock);
	n = ptrtab_for_each_ordered(&live, report_one);
	pthread_mutex_unlock(&lock);
	return n;
}

size_t ref_debug_live_count(void)
{
	size_t n;

	pthread_mutex_lock(&lock);
	n = live.n;
	pthread_mutex_unlock(&lock);
	return n;
}
