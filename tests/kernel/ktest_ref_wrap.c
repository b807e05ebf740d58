// SPDX-License-Identifier: GPL-2.0
/*
 * struct ref cases with the debug tracker on: reports are captured through
 * the tracker's hook and asserted, down to the sites they name.
 */
#define REF_DEBUG
#include <linux/ref_wrap.h>
#include <linux/string.h>

#include "ktest.h"

DECLARE_REF(kt, struct kt_res, kt_res_get, kt_res_put);

#define KT_MAX_EVENTS 8

/* A captured report: its strings are only valid during the hook call. */
struct kt_event {
	struct ref_debug_event ev;
	char tag[16];
	char acq_file[128];
	char rel_file[128];
};

static struct kt_event kt_events[KT_MAX_EVENTS];
static unsigned int kt_nevents;

/* The hook: keep a copy of the first reports for the assertions. */
static void kt_hook(const struct ref_debug_event *ev)
{
	struct kt_event *e;

	if (kt_nevents >= KT_MAX_EVENTS) {
		kt_nevents++;
		return;
	}
	e = &kt_events[kt_nevents++];
	e->ev = *ev;
	strscpy(e->tag, ev->tag ?: "", sizeof(e->tag));
	strscpy(e->acq_file, ev->acq_file ?: "", sizeof(e->acq_file));
	strscpy(e->rel_file, ev->rel_file ?: "", sizeof(e->rel_file));
	e->ev.tag = e->tag;
	e->ev.acq_file = e->acq_file;
	e->ev.rel_file = e->rel_file;
	e->ev.file = NULL;
}

static void kt_capture(void)
{
	memset(kt_events, 0, sizeof(kt_events));
	kt_nevents = 0;
	ref_debug_set_hook(kt_hook);
}

static void kt_uncapture(void)
{
	ref_debug_set_hook(NULL);
}

static bool kt_this_file(const char *file)
{
	return file && strstr(file, "ktest_ref_wrap.c");
}

static int kt_acquire_release(void)
{
	unsigned long problems = ref_debug_problems();
	struct kt_res res = KT_RES_INIT;
	struct kt_ref r = REF_INIT, empty;

	ref_acquire(kt, &r, &res);
	KT_ASSERT_EQ(atomic_read(&res.gets), 1);
	KT_ASSERT(ref_ptr(kt, &r) == &res);
	ref_release(kt, &r);
	KT_ASSERT_EQ(atomic_read(&res.puts), 1);
	KT_ASSERT(!ref_ptr(kt, &r));
	ref_init(kt, &empty);
	ref_release(kt, &empty);
	ref_acquire(kt, &empty, NULL);
	ref_release(kt, &empty);
	KT_ASSERT_EQ(atomic_read(&res.gets), 1);
	KT_ASSERT_EQ(atomic_read(&res.puts), 1);
	KT_ASSERT_EQ(ref_debug_problems(), problems);
	return 0;
}

static int kt_double_release(void)
{
	unsigned long problems = ref_debug_problems();
	struct kt_res res = KT_RES_INIT;
	struct kt_ref r = REF_INIT;
	unsigned int acq, rel, rel2;

	kt_capture();
	acq = __LINE__ + 1;
	ref_acquire(kt, &r, &res);
	rel = __LINE__ + 1;
	ref_release(kt, &r);
	rel2 = __LINE__ + 1;
	ref_release(kt, &r);
	kt_uncapture();

	KT_ASSERT_EQ(atomic_read(&res.puts), 1);
	KT_ASSERT_EQ(ref_debug_problems(), problems + 1);
	KT_ASSERT_EQ(kt_nevents, 1);
	KT_ASSERT_EQ(kt_events[0].ev.kind, REF_DEBUG_DOUBLE_RELEASE);
	KT_ASSERT(kt_events[0].ev.ref == &r);
	KT_ASSERT(!strcmp(kt_events[0].ev.tag, "kt"));
	KT_ASSERT(kt_this_file(kt_events[0].ev.acq_file));
	KT_ASSERT(kt_this_file(kt_events[0].ev.rel_file));
	KT_ASSERT_EQ(kt_events[0].ev.acq_line, acq);
	KT_ASSERT_EQ(kt_events[0].ev.rel_line, rel);
	KT_ASSERT_EQ(kt_events[0].ev.line, rel2);
	return 0;
}

static int kt_leak_listing(void)
{
	struct kt_res res = KT_RES_INIT;
	struct kt_ref r1 = REF_INIT, r2 = REF_INIT;
	unsigned long base, n;
	unsigned int line2;

	base = ref_debug_report();
	ref_acquire(kt, &r1, &res);
	line2 = __LINE__ + 1;
	ref_acquire(kt, &r2, &res);
	ref_release(kt, &r1);
	kt_capture();
	n = ref_debug_report();
	kt_uncapture();
	ref_release(kt, &r2);

	KT_ASSERT_EQ(n, base + 1);
	KT_ASSERT_EQ(kt_nevents, n);
	/* The tracker lists in acquire order: ours is the newest. */
	KT_ASSERT(n <= KT_MAX_EVENTS);
	KT_ASSERT_EQ(kt_events[n - 1].ev.kind, REF_DEBUG_LEAK);
	KT_ASSERT(kt_events[n - 1].ev.ref == &r2);
	KT_ASSERT(kt_events[n - 1].ev.ptr == &res);
	KT_ASSERT(!strcmp(kt_events[n - 1].ev.tag, "kt"));
	KT_ASSERT(kt_this_file(kt_events[n - 1].ev.acq_file));
	KT_ASSERT_EQ(kt_events[n - 1].ev.acq_line, line2);
	KT_ASSERT_EQ(ref_debug_report(), base);
	return 0;
}

static int kt_move(void)
{
	unsigned long problems = ref_debug_problems();
	struct kt_res res = KT_RES_INIT;
	struct kt_ref src = REF_INIT, dst = REF_INIT;
	unsigned long base = ref_debug_report(), n;

	ref_acquire(kt, &src, &res);
	ref_move(kt, &dst, &src);
	KT_ASSERT(!ref_ptr(kt, &src));
	KT_ASSERT(ref_ptr(kt, &dst) == &res);
	kt_capture();
	n = ref_debug_report();
	kt_uncapture();
	KT_ASSERT_EQ(n, base + 1);
	KT_ASSERT(n <= KT_MAX_EVENTS);
	KT_ASSERT(kt_events[n - 1].ev.ref == &dst);
	ref_release(kt, &src);
	ref_release(kt, &dst);
	KT_ASSERT_EQ(atomic_read(&res.gets), 1);
	KT_ASSERT_EQ(atomic_read(&res.puts), 1);
	KT_ASSERT_EQ(ref_debug_problems(), problems);
	KT_ASSERT_EQ(ref_debug_report(), base);
	return 0;
}

static int kt_overwrite(void)
{
	unsigned long problems = ref_debug_problems();
	struct kt_res a = KT_RES_INIT;
	struct kt_res b = KT_RES_INIT;
	struct kt_ref r = REF_INIT;
	unsigned long base = ref_debug_report();
	unsigned int acq;

	kt_capture();
	acq = __LINE__ + 1;
	ref_acquire(kt, &r, &a);
	ref_acquire(kt, &r, &b);
	kt_uncapture();
	ref_release(kt, &r);

	KT_ASSERT_EQ(ref_debug_problems(), problems + 1);
	KT_ASSERT_EQ(kt_nevents, 1);
	KT_ASSERT_EQ(kt_events[0].ev.kind, REF_DEBUG_OVERWRITE);
	KT_ASSERT(kt_events[0].ev.ptr == &a);
	KT_ASSERT_EQ(kt_events[0].ev.acq_line, acq);
	KT_ASSERT_EQ(atomic_read(&b.puts), 1);
	KT_ASSERT_EQ(atomic_read(&a.puts), 0);
	KT_ASSERT_EQ(ref_debug_report(), base);
	return 0;
}

/* ref_replace(): into an empty holder, a full one, the same object */
static int kt_replace(void)
{
	unsigned long problems = ref_debug_problems();
	struct kt_res a = KT_RES_INIT;
	struct kt_res b = KT_RES_INIT;
	struct kt_ref r = REF_INIT;
	unsigned long base = ref_debug_report();

	kt_capture();
	ref_replace(kt, &r, &a);
	ref_replace(kt, &r, &b);
	ref_replace(kt, &r, &b);
	kt_uncapture();
	KT_ASSERT_EQ(kt_nevents, 0);
	KT_ASSERT_EQ(ref_debug_report(), base + 1);
	ref_release(kt, &r);

	KT_ASSERT_EQ(ref_debug_problems(), problems);
	KT_ASSERT_EQ(atomic_read(&a.gets), 1);
	KT_ASSERT_EQ(atomic_read(&a.puts), 1);
	KT_ASSERT_EQ(atomic_read(&b.gets), 2);
	KT_ASSERT_EQ(atomic_read(&b.puts), 2);
	KT_ASSERT_EQ(ref_debug_report(), base);
	return 0;
}

const struct ktest_case ktest_ref_wrap_cases[] = {
	{ "ref_wrap_acquire_release", kt_acquire_release },
	{ "ref_wrap_double_release_reported", kt_double_release },
	{ "ref_wrap_leak_listed", kt_leak_listing },
	{ "ref_wrap_move", kt_move },
	{ "ref_wrap_overwrite_reported", kt_overwrite },
	{ "ref_wrap_replace", kt_replace },
	{ }
};
