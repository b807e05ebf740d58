// SPDX-License-Identifier: GPL-2.0
/*
 * REF_DEBUG and REFTRACK_DEBUG builds: the trackers' reports. The *_leak
 * tests exit with something still live; run.sh checks the report printed at
 * exit against the site they print on stdout ("expect: file:line").
 */
#include <pthread.h>

#include <refconv/reftrack.h>
#include <refconv/ref_wrap.h>

#include "harness.h"

struct obj {
	int refs;
};

static void obj_get(struct obj *o)
{
	o->refs++;
}

static void obj_put(struct obj *o)
{
	o->refs--;
}

DECLARE_REF(obj, struct obj, obj_get, obj_put);

static struct obj static_obj;	/* not on the heap: LSan stays quiet */

TEST(ref_debug_tracks_live_references)
{
	struct obj_ref a = REF_INIT, b = REF_INIT;

	CHECK(sizeof(a) > sizeof(void *));	/* the tracker's fields */
	ref_acquire(obj, &a, &static_obj);
	CHECK(ref_debug_live_count() == 1 && static_obj.refs == 1);
	ref_move(obj, &b, &a);
	CHECK(ref_debug_live_count() == 1 && ref_ptr(obj, &b) == &static_obj);
	ref_release(obj, &b);
	CHECK(ref_debug_live_count() == 0 && static_obj.refs == 0);
	CHECK(ref_debug_report() == 0);
}

TEST(ref_debug_double_release_reported)
{
	struct obj_ref r = REF_INIT;
	char want_acq[4096], want_rel[4096];
	int acq_line, rel_line;
	char *out;

	acq_line = __LINE__ + 1;
	ref_acquire(obj, &r, &static_obj);
	rel_line = __LINE__ + 1;
	ref_release(obj, &r);
	capture_begin();
	ref_release(obj, &r);
	out = capture_end();
	snprintf(want_acq, sizeof(want_acq), "acquired at %s:%d", __FILE__, acq_line);
	snprintf(want_rel, sizeof(want_rel), "first released at %s:%d", __FILE__, rel_line);
	CHECK(strstr(out, "double release of obj reference"));
	CHECK(strstr(out, want_acq) && strstr(out, want_rel));
	CHECK(static_obj.refs == 0);	/* put was not called twice */
	free(out);
}

TEST(ref_debug_overwrite_reported)
{
	struct obj_ref r = REF_INIT;
	char *out;

	ref_acquire(obj, &r, &static_obj);
	capture_begin();
	ref_acquire(obj, &r, &static_obj);
	out = capture_end();
	CHECK(strstr(out, "overwritten by an acquire without release"));
	CHECK(ref_debug_live_count() == 1);
	ref_release(obj, &r);
	static_obj.refs = 0;
	free(out);
}

TEST(ref_debug_replace_is_not_a_leak)
{
	static struct obj other;
	struct obj_ref r = REF_INIT;
	char *out;

	capture_begin();
	ref_replace(obj, &r, &static_obj);	/* empty: an acquire */
	ref_replace(obj, &r, &other);		/* full: release, then acquire */
	ref_replace(obj, &r, &other);		/* the same object */
	out = capture_end();
	CHECK(out[0] == '\0');			/* no overwrite, no double release */
	CHECK(ref_debug_live_count() == 1);
	CHECK(static_obj.refs == 0 && other.refs == 1);
	ref_release(obj, &r);
	CHECK(ref_debug_live_count() == 0 && other.refs == 0);
	free(out);
}

TEST(bad_ref_debug_leak)
{
	static struct obj_ref r = REF_INIT;

	printf("expect: %s:%d\n", __FILE__, __LINE__ + 1);
	ref_acquire(obj, &r, &static_obj);
}

TEST(bad_reftrack_debug_leak)
{
	static void *p;

	printf("expect: %s:%d\n", __FILE__, __LINE__ + 1);
	p = rc_malloc(24);
	CHECK(p && reftrack_live_count() == 1);
}

TEST(reftrack_debug_lifecycle)
{
	char *p = rc_malloc(8), *q = rc_calloc(2, 8);

	CHECK(reftrack_live_count() == 2);
	reftrack_addref(p);
	p = rc_realloc(p, 4096);	/* one reference: may move, stays tracked */
	CHECK(p && reftrack_live_count() == 2);
	reftrack_removeref(p);
	rc_free(q);
	CHECK(reftrack_live_count() == 0 && reftrack_debug_report() == 0);
}

/* seed defect: mark_found() read the header of freed memory (ASan checks) */
TEST(seed_stale_pointer_not_read)
{
	char *p = rc_malloc(8), *out;

	rc_free(p);
	capture_begin();
	rc_free(p);		/* double free */
	reftrack_addref(p);	/* use after free */
	reftrack_removeref(p);
	CHECK(!rc_realloc(p, 16));
	out = capture_end();
	CHECK(count_of(out, "is not a live reftrack object") == 4);
	CHECK(strstr(out, "rc_free: "));
	free(out);
}

static void *churn(void *arg)
{
	(void)arg;
	for (int i = 0; i < 2000; i++) {
		void *p = rc_malloc(16);

		reftrack_addref(p);
		reftrack_removeref(p);
	}
	return NULL;
}

TEST(reftrack_debug_threads)
{
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		CHECK(!pthread_create(&t[i], NULL, churn, NULL));
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(reftrack_live_count() == 0);
}
