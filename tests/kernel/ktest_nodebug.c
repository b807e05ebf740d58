// SPDX-License-Identifier: GPL-2.0
/*
 * The production configuration: no REF_DEBUG, no REFTRACK_DEBUG. struct ref
 * must be a bare pointer, and the reftrack mark must not be consulted.
 */
#include <linux/build_bug.h>
#include <linux/ref_wrap.h>
#include <linux/reftrack.h>

#include "ktest.h"

DECLARE_REF(ktn, struct kt_res, kt_res_get, kt_res_put);

static_assert(sizeof(struct ktn_ref) == sizeof(void *));

struct ktn_holder {
	struct ktn_ref res;
};

static int ktn_ref_plain(void)
{
	struct kt_res res = KT_RES_INIT;
	struct ktn_holder h = { REF_INIT }, h2;

	ref_acquire(ktn, &h.res, &res);
	KT_ASSERT(ref_ptr(ktn, &h.res) == &res);
	ref_init(ktn, &h2.res);
	ref_move(ktn, &h2.res, &h.res);
	KT_ASSERT(!ref_ptr(ktn, &h.res));
	ref_release(ktn, &h2.res);
	/* Without the tracker a second release is harmless: the pointer is gone. */
	ref_release(ktn, &h2.res);
	ref_release(ktn, &h.res);
	KT_ASSERT_EQ(atomic_read(&res.gets), 1);
	KT_ASSERT_EQ(atomic_read(&res.puts), 1);
	return 0;
}

static int ktn_dtor_calls;

static void ktn_dtor(void *body)
{
	ktn_dtor_calls++;
}

/* Marks are advisory: production code never decides anything on them. */
static int ktn_reftrack_ignores_mark(void)
{
	int *p = rc_kmalloc(sizeof(*p), GFP_KERNEL);

	KT_ASSERT(p);
	ktn_dtor_calls = 0;
	reftrack_set_dtor(p, ktn_dtor);
	reftrack_hdr(p)->mark = 0;
	reftrack_addref(p);
	KT_ASSERT_EQ(REFTRACK_COUNT(p), 1);
	reftrack_removeref(p);
	KT_ASSERT_EQ(ktn_dtor_calls, 1);
	return 0;
}

const struct ktest_case ktest_nodebug_cases[] = {
	{ "ref_wrap_nodebug_is_one_pointer", ktn_ref_plain },
	{ "reftrack_nodebug_mark_advisory", ktn_reftrack_ignores_mark },
	{ }
};
