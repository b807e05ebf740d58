// SPDX-License-Identifier: GPL-2.0
/*
 * RC_CHK_* on a perf-style reference-counted map. Built twice: under ASan
 * (checking on: the missed_put, double_put and use_after_put tests must be
 * caught, run.sh checks the sanitizer's report) and plainly (checking off:
 * the macros must be the bare pointer operations).
 */
#include <refconv/rc_check.h>
#include <refconv/refcount.h>

#include "harness.h"

DECLARE_RC_STRUCT(map) {
	refcount_t refcnt;
	int nr;
};

#ifndef REFCNT_CHECKING
_Static_assert(__builtin_types_compatible_p(RC_STRUCT(map), struct map),
	       "without checking a checked pointer is the object pointer");
#else
_Static_assert(sizeof(struct map) == sizeof(void *),
	       "with checking a checked pointer points at an indirection");
#endif

static struct map *map__new(int nr)
{
	RC_STRUCT(map) *m = malloc(sizeof(*m));
	struct map *result;

	if (ADD_RC_CHK(result, m)) {
		refcount_set(&m->refcnt, 1);
		m->nr = nr;
	}
	return result;
}

static __attribute__((__noinline__)) struct map *map__get(struct map *m)
{
	struct map *result;

	if (RC_CHK_GET(result, m))
		refcount_inc(&RC_CHK_ACCESS(m)->refcnt);
	return result;
}

static __attribute__((__noinline__)) void map__put(struct map *m)
{
	if (!m)
		return;
	if (refcount_dec_and_test(&RC_CHK_ACCESS(m)->refcnt))
		RC_CHK_FREE(m);
	else
		RC_CHK_PUT(m);
}

TEST(rc_check_balanced)
{
	struct map *a = map__new(3), *b, *c;

	CHECK(a && RC_CHK_ACCESS(a)->nr == 3);
	b = map__get(a);
	c = map__get(b);
	CHECK(RC_CHK_EQUAL(a, b) && RC_CHK_EQUAL(b, c) && RC_CHK_EQUAL(a, a));
	CHECK(!RC_CHK_EQUAL(a, NULL));
	CHECK(refcount_read(&RC_CHK_ACCESS(c)->refcnt) == 3);
#ifdef REFCNT_CHECKING
	CHECK(a != b && b != c);	/* one indirection per get */
#else
	CHECK(a == b && b == c);
#endif
	map__put(b);
	map__put(c);
	map__put(a);	/* last: frees object and indirection */
	CHECK(map__get(NULL) == NULL);
	map__put(NULL);
}

TEST(bad_missed_put)
{
	static struct map *a;
	struct map *b;

	a = map__new(1);
	b = map__get(a);	/* never put: LSan names map__get */
	(void)b;
}

TEST(bad_double_put)
{
	struct map *a = map__new(1), *b = map__get(a);

	map__put(b);
	map__put(b);	/* ASan: double free of b's indirection */
	map__put(a);
}

TEST(bad_use_after_put)
{
	struct map *a = map__new(1), *b = map__get(a);
	volatile int nr;

	map__put(b);
	nr = RC_CHK_ACCESS(b)->nr;	/* ASan: use after free */
	(void)nr;
	map__put(a);
}
