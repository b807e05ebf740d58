/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Loops measured both without and with the debug trackers: included by
 * bench.c (LOOP(x) = loop_x) and by bench_debug.c (LOOP(x) = dbg_x, built
 * with -DREFTRACK_DEBUG -DREF_DEBUG).
 */
#include <refconv/reftrack.h>
#include <refconv/ref_wrap.h>

#include "bench.h"

struct bobj {
	int refs;
};

static void bobj_get(struct bobj *o)
{
	__atomic_fetch_add(&o->refs, 1, __ATOMIC_RELAXED);
}

static void bobj_put(struct bobj *o)
{
	__atomic_fetch_sub(&o->refs, 1, __ATOMIC_RELEASE);
}

DECLARE_REF(bobj, struct bobj, bobj_get, bobj_put);

double LOOP(addref_removeref)(long n)
{
	void *p = rc_malloc(64);
	uint64_t t;

	reftrack_addref(p);
	t = now_ns();
	for (long i = 0; i < n; i++) {
		reftrack_addref(p);
		reftrack_removeref(p);
	}
	t = now_ns() - t;
	reftrack_removeref(p);
	return (double)t / (double)n;
}

double LOOP(rc_malloc_free)(long n)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		void *p = rc_malloc(64);

		keep(p);
		rc_free(p);
	}
	return (double)(now_ns() - t) / (double)n;
}

double LOOP(ref_acquire_release)(long n)
{
	static struct bobj o;
	struct bobj_ref r = REF_INIT;
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		ref_acquire(bobj, &r, &o);
		keep(&r);
		ref_release(bobj, &r);
	}
	return (double)(now_ns() - t) / (double)n;
}
