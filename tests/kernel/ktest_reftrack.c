// SPDX-License-Identifier: GPL-2.0
/*
 * reftrack heap cases, built with REFTRACK_DEBUG so that every report the
 * heap makes is counted (reftrack_event_count()) and asserted on.
 */
#define REFTRACK_DEBUG
#include <linux/reftrack.h>
#include <linux/string.h>

#include "ktest.h"

static int kt_dtor_calls;

static void kt_count_dtor(void *body)
{
	kt_dtor_calls++;
}

REFTRACK_STRUCT(kt_obj) {
	int val;
	char name[16];
};

static int kt_destroyed, kt_destroyed_val;

void kt_obj_destroy(struct kt_obj *p)
{
	kt_destroyed++;
	kt_destroyed_val = p->val;
}

REFTRACK_EPILOG_WITH_DTOR(kt_obj)

REFTRACK_STRUCT(kt_plain) {
	long x;
};

REFTRACK_EPILOG(kt_plain)

/* A fresh object whose release is counted in kt_dtor_calls (reset here). */
static void *kt_counted(size_t size)
{
	void *p = rc_kmalloc(size, GFP_KERNEL);

	kt_dtor_calls = 0;
	if (p)
		reftrack_set_dtor(p, kt_count_dtor);
	return p;
}

static unsigned long kt_ev(enum reftrack_event ev)
{
	return reftrack_event_count(ev);
}

/* A size the compiler cannot see through, for the overflow paths. */
static size_t kt_huge(size_t below_max)
{
	size_t n = SIZE_MAX - below_max;

	OPTIMIZER_HIDE_VAR(n);
	return n;
}

static bool kt_all(const void *p, int c, size_t n)
{
	return !memchr_inv(p, c, n);
}

static int kt_alloc_fresh(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_FREE_REFERENCED);
	char *p, *z, *c, *a, *v, *vz, *kv, *kvz;

	p = rc_kmalloc(32, GFP_KERNEL);
	KT_ASSERT(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 0);
	KT_ASSERT(IS_ALIGNED((unsigned long)p, ARCH_KMALLOC_MINALIGN));
	memset(p, 0xa5, 32);
	rc_kfree(p);

	z = rc_kzalloc(64, GFP_KERNEL);
	c = rc_kcalloc(8, 8, GFP_KERNEL);
	a = rc_kmalloc_array(4, 16, GFP_KERNEL);
	v = rc_vmalloc(4 * PAGE_SIZE);
	vz = rc_vzalloc(4 * PAGE_SIZE);
	kv = rc_kvmalloc(1 << 20, GFP_KERNEL);
	kvz = rc_kvzalloc(1 << 20, GFP_KERNEL);
	KT_ASSERT(z && c && a && v && vz && kv && kvz);
	KT_ASSERT(kt_all(z, 0, 64));
	KT_ASSERT(kt_all(c, 0, 64));
	KT_ASSERT(kt_all(vz, 0, 4 * PAGE_SIZE));
	KT_ASSERT(kt_all(kvz, 0, 1 << 20));
	KT_ASSERT(is_vmalloc_addr(reftrack_hdr(v)));
	KT_ASSERT_EQ(REFTRACK_COUNT(a) + REFTRACK_COUNT(v) + REFTRACK_COUNT(kv), 0);
	memset(a, 1, 64);
	memset(v, 1, 4 * PAGE_SIZE);
	memset(kv, 1, 1 << 20);
	rc_kfree(z);
	rc_kfree(c);
	rc_kfree(a);
	rc_vfree(v);
	rc_vfree(vz);
	rc_kvfree(kv);
	rc_kvfree(kvz);
	rc_kfree(NULL);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_FREE_REFERENCED), before);
	return 0;
}

/* Regression: sizes are overflow-checked before the header is added. */
static int kt_size_overflow(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_BAD_SIZE);

	KT_ASSERT(!rc_kmalloc(kt_huge(8), GFP_KERNEL | __GFP_NOWARN));
	KT_ASSERT(!rc_kzalloc(kt_huge(0), GFP_KERNEL | __GFP_NOWARN));
	KT_ASSERT(!rc_kvmalloc(kt_huge(1), GFP_KERNEL | __GFP_NOWARN));
	KT_ASSERT(!rc_kmalloc_array(kt_huge(0) / 2, 4, GFP_KERNEL));
	KT_ASSERT(!rc_kcalloc(kt_huge(0), 2, GFP_KERNEL));
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_BAD_SIZE), before + 5);
	return 0;
}

static int kt_addref_removeref(void)
{
	int *p = kt_counted(sizeof(*p));

	KT_ASSERT(p);
	reftrack_addref(p);
	reftrack_addref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 2);
	reftrack_removeref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 1);
	KT_ASSERT_EQ(kt_dtor_calls, 0);
	reftrack_removeref(p);
	KT_ASSERT_EQ(kt_dtor_calls, 1);
	reftrack_addref(NULL);
	reftrack_removeref(NULL);
	return 0;
}

static int kt_struct_epilog(void)
{
	struct kt_obj *o = rc_kzalloc(sizeof(*o), GFP_KERNEL);
	struct kt_plain *pl = rc_kmalloc(sizeof(*pl), GFP_KERNEL);

	KT_ASSERT(o && pl);
	kt_destroyed = 0;
	o->val = 42;
	kt_obj_addref(o);
	kt_obj_addref(o);
	KT_ASSERT_EQ(REFTRACK_COUNT(o), 2);
	kt_obj_removeref(o);
	KT_ASSERT_EQ(kt_destroyed, 0);
	kt_obj_removeref(o);
	KT_ASSERT_EQ(kt_destroyed, 1);
	KT_ASSERT_EQ(kt_destroyed_val, 42);
	kt_obj_addref(NULL);
	kt_obj_removeref(NULL);

	kt_dtor_calls = 0;
	reftrack_set_dtor(pl, kt_count_dtor);
	kt_plain_addref(pl);
	KT_ASSERT_EQ(REFTRACK_COUNT(pl), 1);
	kt_plain_removeref(pl);
	KT_ASSERT_EQ(kt_dtor_calls, 1);
	return 0;
}

/* Regression: rc_kfree() of a referenced object reports and keeps it. */
static int kt_free_referenced(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_FREE_REFERENCED);
	struct kt_obj *o = rc_kzalloc(sizeof(*o), GFP_KERNEL);

	KT_ASSERT(o);
	kt_destroyed = 0;
	kt_obj_addref(o);
	rc_kfree(o);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_FREE_REFERENCED), before + 1);
	KT_ASSERT_EQ(REFTRACK_COUNT(o), 1);
	o->val = 7;
	KT_ASSERT_EQ(kt_destroyed, 0);
	kt_obj_removeref(o);
	KT_ASSERT_EQ(kt_destroyed, 1);
	KT_ASSERT_EQ(kt_destroyed_val, 7);
	return 0;
}

static int kt_free_unreferenced(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_FREE_REFERENCED);
	int *p = kt_counted(sizeof(*p));

	KT_ASSERT(p);
	rc_kfree(p);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_FREE_REFERENCED), before);
	KT_ASSERT_EQ(kt_dtor_calls, 0);
	return 0;
}

/* Regression: a shared object is never moved by realloc. */
static int kt_realloc_refuses_move(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_REALLOC_REFUSED);
	char *p = rc_kmalloc(32, GFP_KERNEL), *q;

	KT_ASSERT(p);
	memset(p, 0x5a, 32);
	reftrack_addref(p);
	reftrack_addref(p);
	q = rc_krealloc(p, 64 * 1024, GFP_KERNEL);
	KT_ASSERT(!q);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_REALLOC_REFUSED), before + 1);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 2);
	KT_ASSERT(kt_all(p, 0x5a, 32));
	reftrack_removeref(p);
	reftrack_removeref(p);
	return 0;
}

static int kt_realloc_sole_ref_moves(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_REALLOC_REFUSED);
	char *p = kt_counted(32), *q;

	KT_ASSERT(p);
	memset(p, 0x3c, 32);
	reftrack_addref(p);
	q = rc_krealloc(p, 64 * 1024, GFP_KERNEL);
	KT_ASSERT(q);
	KT_ASSERT(q != p);
	KT_ASSERT(kt_all(q, 0x3c, 32));
	KT_ASSERT_EQ(REFTRACK_COUNT(q), 1);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_REALLOC_REFUSED), before);
	memset(q, 0, 64 * 1024);
	reftrack_removeref(q);
	KT_ASSERT_EQ(kt_dtor_calls, 1);
	return 0;
}

static int kt_realloc_shared_in_place(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_REALLOC_REFUSED);
	char *p = rc_kmalloc(200, GFP_KERNEL), *q;

	KT_ASSERT(p);
	reftrack_addref(p);
	reftrack_addref(p);
	q = rc_krealloc(p, 100, GFP_KERNEL);
	KT_ASSERT(q == p);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_REALLOC_REFUSED), before);
	reftrack_removeref(q);
	reftrack_removeref(q);
	return 0;
}

/* Includes the regression for the seed's pr_warn() missing its argument. */
static int kt_realloc_null_zero_overflow(void)
{
	unsigned long bad = kt_ev(REFTRACK_EV_BAD_SIZE);
	unsigned long kept = kt_ev(REFTRACK_EV_FREE_REFERENCED);
	char *p = rc_krealloc(NULL, 40, GFP_KERNEL);

	KT_ASSERT(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 0);
	KT_ASSERT(!rc_krealloc(p, 0, GFP_KERNEL));
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_FREE_REFERENCED), kept);

	p = rc_krealloc(NULL, 40, GFP_KERNEL);
	KT_ASSERT(p);
	memset(p, 0x11, 40);
	kt_dtor_calls = 0;
	reftrack_set_dtor(p, kt_count_dtor);
	reftrack_addref(p);
	KT_ASSERT(!rc_krealloc(p, kt_huge(4), GFP_KERNEL));
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_BAD_SIZE), bad + 1);
	KT_ASSERT(kt_all(p, 0x11, 40));
	KT_ASSERT(!rc_krealloc(p, 0, GFP_KERNEL));
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_FREE_REFERENCED), kept + 1);
	KT_ASSERT_EQ(kt_dtor_calls, 0);
	KT_ASSERT(kt_all(p, 0x11, 40));
	reftrack_removeref(p);
	KT_ASSERT_EQ(kt_dtor_calls, 1);
	return 0;
}

/* Regression: a bad mark is reported, never silently skipped or trusted. */
static int kt_bad_mark_reported(void)
{
	unsigned long before = kt_ev(REFTRACK_EV_BAD_MARK);
	int *p = kt_counted(sizeof(*p));
	struct reftrack_hdr *h;

	KT_ASSERT(p);
	h = reftrack_hdr(p);
	reftrack_addref(p);
	h->mark = 0;
	reftrack_addref(p);
	reftrack_removeref(p);
	rc_kfree(p);
	KT_ASSERT(!rc_krealloc(p, 4096, GFP_KERNEL));
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_BAD_MARK), before + 4);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 1);
	KT_ASSERT_EQ(kt_dtor_calls, 0);
	h->mark = REFTRACK_MARK;
	reftrack_removeref(p);
	KT_ASSERT_EQ(kt_dtor_calls, 1);
	return 0;
}

/* Regression: counts saturate like refcount_t; a saturated object stays. */
static int kt_saturation(void)
{
	unsigned long kept = kt_ev(REFTRACK_EV_FREE_REFERENCED);
	unsigned long refused = kt_ev(REFTRACK_EV_REALLOC_REFUSED);
	int *p = kt_counted(sizeof(*p));
	struct reftrack_hdr *h;

	KT_ASSERT(p);
	h = reftrack_hdr(p);
	refcount_set(&h->rc, REFCOUNT_MAX);
	reftrack_addref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), REFCOUNT_SATURATED);
	reftrack_addref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), REFCOUNT_SATURATED);
	reftrack_removeref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), REFCOUNT_SATURATED);
	KT_ASSERT_EQ(kt_dtor_calls, 0);
	rc_kfree(p);
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_FREE_REFERENCED), kept + 1);
	KT_ASSERT(!rc_krealloc(p, 64 * 1024, GFP_KERNEL));
	KT_ASSERT_EQ(kt_ev(REFTRACK_EV_REALLOC_REFUSED), refused + 1);
	/* Undo the test's own saturation so the object can go. */
	refcount_set(&h->rc, 1);
	reftrack_removeref(p);
	KT_ASSERT_EQ(kt_dtor_calls, 1);
	return 0;
}

static int kt_underflow(void)
{
	int *p = kt_counted(sizeof(*p));

	KT_ASSERT(p);
	reftrack_removeref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), REFCOUNT_SATURATED);
	KT_ASSERT_EQ(kt_dtor_calls, 0);
	refcount_set(&reftrack_hdr(p)->rc, 0);
	rc_kfree(p);
	return 0;
}

const struct ktest_case ktest_reftrack_cases[] = {
	{ "reftrack_alloc_fresh", kt_alloc_fresh },
	{ "reftrack_size_overflow", kt_size_overflow },
	{ "reftrack_addref_removeref", kt_addref_removeref },
	{ "reftrack_struct_epilog", kt_struct_epilog },
	{ "reftrack_free_referenced_refused", kt_free_referenced },
	{ "reftrack_free_unreferenced", kt_free_unreferenced },
	{ "reftrack_realloc_refuses_move", kt_realloc_refuses_move },
	{ "reftrack_realloc_sole_ref_moves", kt_realloc_sole_ref_moves },
	{ "reftrack_realloc_shared_in_place", kt_realloc_shared_in_place },
	{ "reftrack_realloc_null_zero_overflow", kt_realloc_null_zero_overflow },
	{ "reftrack_bad_mark_reported", kt_bad_mark_reported },
	{ "reftrack_saturation", kt_saturation },
	{ "reftrack_underflow", kt_underflow },
	{ }
};
