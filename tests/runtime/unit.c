// SPDX-License-Identifier: GPL-2.0
/* Unit tests of every public function, run under ASan+UBSan+LSan. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <urcu/urcu-memb.h>

#include <refconv/atomic.h>
#include <refconv/refcount.h>
#include <refconv/reftrack.h>
#include <refconv/ref_wrap.h>
#include <refconv/ref_proxy.h>

#include "harness.h"

/* ---- atomic.h ---- */

TEST(atomic_ops)
{
	atomic_t v = ATOMIC_INIT(5);
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

	CHECK(atomic_read(&v) == 5);
	atomic_set(&v, 1);
	atomic_inc(&v);
	atomic_add(3, &v);
	atomic_dec(&v);
	atomic_sub(2, &v);
	CHECK(atomic_read(&v) == 2);
	CHECK(atomic_inc_return(&v) == 3);
	CHECK(atomic_dec_return(&v) == 2);
	CHECK(atomic_add_return(5, &v) == 7);
	CHECK(atomic_sub_return(4, &v) == 3);
	CHECK(atomic_fetch_add(2, &v) == 3);
	CHECK(atomic_fetch_sub(1, &v) == 5);
	CHECK(!atomic_sub_and_test(3, &v) && atomic_read(&v) == 1);
	CHECK(atomic_dec_and_test(&v));
	CHECK(!atomic_inc_not_zero(&v) && atomic_read(&v) == 0);
	atomic_set(&v, 1);
	CHECK(atomic_inc_not_zero(&v) && atomic_read(&v) == 2);
	CHECK(!atomic_add_unless(&v, -1, 2) && atomic_read(&v) == 2);
	CHECK(atomic_add_unless(&v, -1, 1) && atomic_read(&v) == 1);
	CHECK(atomic_xchg(&v, 9) == 1 && atomic_read(&v) == 9);
	CHECK(atomic_cmpxchg(&v, 8, 0) == 9 && atomic_read(&v) == 9);
	CHECK(atomic_cmpxchg(&v, 9, 2) == 9 && atomic_read(&v) == 2);
	CHECK(!atomic_dec_and_lock(&v, &m) && atomic_read(&v) == 1);
	CHECK(atomic_dec_and_lock(&v, &m) && atomic_read(&v) == 0);
	CHECK(pthread_mutex_trylock(&m) != 0);	/* held by us */
	pthread_mutex_unlock(&m);
}

/* ---- refcount.h ---- */

TEST(refcount_ops)
{
	refcount_t r = REFCOUNT_INIT(1);
	pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
	unsigned long w = refcount_warn_count();

	refcount_inc(&r);
	refcount_add(3, &r);
	CHECK(refcount_read(&r) == 5);
	refcount_dec(&r);
	CHECK(!refcount_sub_and_test(2, &r) && refcount_read(&r) == 2);
	CHECK(!refcount_dec_and_test(&r));
	CHECK(refcount_dec_and_test(&r) && refcount_read(&r) == 0);
	CHECK(!refcount_inc_not_zero(&r) && !refcount_add_not_zero(2, &r));
	CHECK(refcount_read(&r) == 0);
	refcount_set(&r, 1);
	CHECK(refcount_inc_not_zero(&r) && refcount_add_not_zero(2, &r));
	CHECK(refcount_read(&r) == 4);
	CHECK(!refcount_dec_if_one(&r) && refcount_read(&r) == 4);
	CHECK(refcount_dec_not_one(&r) && refcount_read(&r) == 3);
	refcount_set(&r, 1);
	CHECK(!refcount_dec_not_one(&r) && refcount_read(&r) == 1);
	CHECK(refcount_dec_if_one(&r) && refcount_read(&r) == 0);
	refcount_set(&r, 2);
	CHECK(!refcount_dec_and_lock(&r, &m) && refcount_read(&r) == 1);
	CHECK(pthread_mutex_trylock(&m) == 0);	/* not left held */
	pthread_mutex_unlock(&m);
	CHECK(refcount_dec_and_lock(&r, &m) && refcount_read(&r) == 0);
	CHECK(pthread_mutex_trylock(&m) != 0);
	pthread_mutex_unlock(&m);
	refcount_set(&r, 1);
	CHECK(refcount_dec_and_mutex_lock(&r, &m));
	pthread_mutex_unlock(&m);
	CHECK(refcount_warn_count() == w);	/* none of that was an error */
}

TEST(refcount_inc_from_zero_warns)
{
	refcount_t r = REFCOUNT_INIT(0);
	char *out;

	capture_begin();
	refcount_inc(&r);
	out = capture_end();
	CHECK(strstr(out, "refcount_t: addition on 0; use-after-free"));
	CHECK(strstr(out, __FILE__ ":"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	free(out);
}

TEST(refcount_underflow_warns_and_saturates)
{
	refcount_t r = REFCOUNT_INIT(0);
	char *out;

	capture_begin();
	CHECK(!refcount_dec_and_test(&r));
	out = capture_end();
	CHECK(strstr(out, "refcount_t: underflow; use-after-free"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	/* a saturated count never reaches zero again */
	for (int i = 0; i < 1000; i++)
		CHECK(!refcount_dec_and_test(&r));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	free(out);
}

TEST(refcount_warn_saturate_reports_the_caller)
{
	refcount_t r = REFCOUNT_INIT(3);
	unsigned long w = refcount_warn_count();
	char *out;

	capture_begin();
	refcount_warn_saturate(&r, REFCOUNT_ADD_OVF);
	out = capture_end();
	CHECK(strstr(out, "refcount_t: saturated; leaking memory"));
	CHECK(strstr(out, __FILE__ ":"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	CHECK(refcount_warn_count() == w + 1);
	free(out);
}

TEST(refcount_overflow_saturates)
{
	refcount_t r = REFCOUNT_INIT(REFCOUNT_MAX);
	char *out;

	capture_begin();
	refcount_inc(&r);
	out = capture_end();
	CHECK(strstr(out, "refcount_t: saturated; leaking memory"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	refcount_set(&r, REFCOUNT_MAX - 1);
	CHECK(refcount_add_not_zero(5, &r));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	free(out);
}

TEST(refcount_dec_to_zero_warns)
{
	refcount_t r = REFCOUNT_INIT(1);
	char *out;

	capture_begin();
	refcount_dec(&r);
	out = capture_end();
	CHECK(strstr(out, "refcount_t: decrement hit 0; leaking memory"));
	CHECK(refcount_read(&r) == (unsigned int)REFCOUNT_SATURATED);
	refcount_set(&r, 0);
	CHECK(refcount_dec_not_one(&r));	/* underflow: warned, left alone */
	CHECK(refcount_read(&r) == 0);
	free(out);
}

static void inc_from_zero_here(void)
{
	refcount_t r = REFCOUNT_INIT(0);

	refcount_inc(&r);
}

TEST(refcount_warns_once_per_site)
{
	unsigned long w = refcount_warn_count();
	char *out;

	capture_begin();
	for (int i = 0; i < 3; i++)
		inc_from_zero_here();	/* one site, three events */
	inc_from_zero_here();
	{
		refcount_t r = REFCOUNT_INIT(0);

		refcount_inc(&r);	/* a second site */
	}
	out = capture_end();
	CHECK(refcount_warn_count() == w + 5);
	CHECK(count_of(out, "addition on 0") == 2);
	free(out);
}

static refcount_t shared_count = REFCOUNT_INIT(1);

static void *inc_dec_loop(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100000; i++) {
		refcount_inc(&shared_count);
		CHECK(!refcount_dec_and_test(&shared_count));
	}
	return NULL;
}

TEST(refcount_contention)
{
	pthread_t t[2];

	for (int i = 0; i < 2; i++)
		CHECK(!pthread_create(&t[i], NULL, inc_dec_loop, NULL));
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(refcount_read(&shared_count) == 1);
	CHECK(refcount_dec_and_test(&shared_count));
}

/* ---- reftrack.h ---- */

static int dtor_calls;

static void count_dtor(void *p)
{
	(void)p;
	dtor_calls++;
}

TEST(rc_malloc_lifecycle)
{
	long *p = rc_malloc(sizeof(*p));

	CHECK(p && ((uintptr_t)p % _Alignof(max_align_t)) == 0);
	CHECK(REFTRACK_COUNT(p) == 0);
	*p = 42;
	reftrack_set_dtor(p, count_dtor);
	dtor_calls = 0;
	reftrack_addref(p);
	reftrack_addref(p);
	CHECK(REFTRACK_COUNT(p) == 2);
	reftrack_removeref(p);
	CHECK(REFTRACK_COUNT(p) == 1 && dtor_calls == 0 && *p == 42);
	reftrack_removeref(p);	/* last: destroys and frees (LSan checks) */
	CHECK(dtor_calls == 1);
	reftrack_addref(NULL);
	reftrack_removeref(NULL);
	rc_free(NULL);
}

TEST(rc_free_unreferenced)
{
	void *p = rc_malloc(64);

	CHECK(p);
	rc_free(p);	/* count 0: freed, or LSan reports a leak */
}

TEST(rc_free_referenced_is_refused)
{
	void *p = rc_malloc(8);
	char *out;

	reftrack_addref(p);
	capture_begin();
	rc_free(p);
	out = capture_end();
	CHECK(strstr(out, "1 reference(s) ignored"));
	CHECK(REFTRACK_COUNT(p) == 1);	/* still there: ASan would object */
	reftrack_removeref(p);		/* frees */
	free(out);
}

TEST(rc_calloc_zeroes_and_checks_overflow)
{
	int *a = rc_calloc(100, sizeof(int));

	CHECK(a && REFTRACK_COUNT(a) == 0);
	for (int i = 0; i < 100; i++)
		CHECK(a[i] == 0);
	rc_free(a);
	errno = 0;
	CHECK(!rc_calloc(SIZE_MAX / 2, 4) && errno == ENOMEM);
	CHECK(!rc_malloc(SIZE_MAX - 8) && errno == ENOMEM);
	a = rc_malloc(1);
	CHECK(!rc_realloc(a, SIZE_MAX - 8) && errno == ENOMEM);
	rc_free(a);
}

TEST(rc_realloc_unshared_moves)
{
	char *p = rc_realloc(NULL, 16), *q;

	CHECK(p && REFTRACK_COUNT(p) == 0);
	memcpy(p, "hello", 6);
	reftrack_addref(p);
	q = rc_realloc(p, 1 << 20);	/* one reference: may move */
	CHECK(q && !strcmp(q, "hello") && REFTRACK_COUNT(q) == 1);
	reftrack_removeref(q);
	p = rc_malloc(4);
	CHECK(!rc_realloc(p, 0));	/* count 0: same as rc_free */
}

/* seed defect: krealloc silently moved an object others still referenced */
TEST(seed_realloc_refuses_to_move_shared)
{
	char *p = rc_malloc(16), *q;
	char *out;

	memcpy(p, "shared", 7);
	reftrack_addref(p);
	reftrack_addref(p);
	capture_begin();
	errno = 0;
	q = rc_realloc(p, 1 << 20);
	out = capture_end();
	CHECK(!q && errno == EBUSY);
	CHECK(!strcmp(p, "shared") && REFTRACK_COUNT(p) == 2);
	CHECK(strstr(out, "refused") && strstr(out, "2 references"));
	CHECK(rc_realloc(p, 8) == p);	/* fits in place: allowed */
	reftrack_removeref(p);
	reftrack_removeref(p);
	free(out);
}

/* seed defect: pr_warn with a missing argument printed garbage for the count */
TEST(seed_realloc_zero_warning_has_its_arguments)
{
	char *p = rc_malloc(16), *out, want[128];

	reftrack_addref(p);
	reftrack_addref(p);
	snprintf(want, sizeof(want), "object %p with 2 reference(s)", (void *)p);
	capture_begin();
	CHECK(!rc_realloc(p, 0));
	out = capture_end();
	CHECK(strstr(out, want));
	CHECK(REFTRACK_COUNT(p) == 2);
	reftrack_removeref(p);
	reftrack_removeref(p);
	free(out);
}

/* seed defect: counts wrapped; now they saturate and the object leaks safely */
TEST(seed_reftrack_count_saturates)
{
	void *p = rc_malloc(8);
	char *out;

	refcount_set(&reftrack_hdr(p)->rc, REFCOUNT_MAX);
	capture_begin();
	reftrack_addref(p);
	out = capture_end();
	CHECK(strstr(out, "count overflow"));
	CHECK(REFTRACK_COUNT(p) == REFCOUNT_SATURATED);
	for (int i = 0; i < 10; i++)
		reftrack_removeref(p);	/* never frees a saturated object */
	CHECK(REFTRACK_COUNT(p) == REFCOUNT_SATURATED);
	free(out);
	refcount_set(&reftrack_hdr(p)->rc, 0);
	rc_free(p);
}

TEST(reftrack_underflow_saturates)
{
	void *p = rc_malloc(8);
	char *out;

	capture_begin();
	reftrack_removeref(p);	/* nobody holds a reference */
	out = capture_end();
	CHECK(strstr(out, "underflow"));
	CHECK(REFTRACK_COUNT(p) == REFCOUNT_SATURATED);
	free(out);
	refcount_set(&reftrack_hdr(p)->rc, 0);
	rc_free(p);
}

TEST(reftrack_foreign_pointer_is_ignored)
{
	struct {
		struct reftrack_hdr fake;
		long obj;
	} s = { .obj = 1 };
	char *out;

	void *volatile foreign = &s.obj;	/* hide it from -Wfree-nonheap-object */

	capture_begin();
	reftrack_addref(foreign);
	reftrack_removeref(foreign);
	rc_free(foreign);
	out = capture_end();
	CHECK(count_of(out, "is not a live reftrack object") == 3);
	CHECK(refcount_read(&s.fake.rc) == 0);
	free(out);
}

REFTRACK_STRUCT(node) {
	int value;
	struct node *next;
};
REFTRACK_EPILOG(node)

static int widget_destroyed;

REFTRACK_STRUCT(widget) {
	struct node *n;
};

void widget_destroy(struct widget *w)
{
	widget_destroyed++;
	node_removeref(w->n);
}
REFTRACK_EPILOG_WITH_DTOR(widget)

TEST(reftrack_struct_helpers)
{
	struct node *n = rc_malloc(sizeof(*n));
	struct widget *w = rc_calloc(1, sizeof(*w));

	node_addref(n);
	w->n = n;
	node_addref(n);
	widget_addref(w);
	CHECK(REFTRACK_COUNT(n) == 2 && REFTRACK_COUNT(w) == 1);
	node_removeref(n);
	widget_destroyed = 0;
	widget_removeref(w);	/* S_destroy drops the node: both freed */
	CHECK(widget_destroyed == 1);
	node_addref(NULL);
	widget_removeref(NULL);
}

static struct node *contended;

static void *addref_loop(void *arg)
{
	(void)arg;
	for (int i = 0; i < 100000; i++) {
		node_addref(contended);
		node_removeref(contended);
	}
	return NULL;
}

TEST(reftrack_contention)
{
	pthread_t t[2];

	contended = rc_malloc(sizeof(*contended));
	node_addref(contended);
	for (int i = 0; i < 2; i++)
		CHECK(!pthread_create(&t[i], NULL, addref_loop, NULL));
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(REFTRACK_COUNT(contended) == 1);
	node_removeref(contended);
}

/* ---- ref_wrap.h (without REF_DEBUG) ---- */

struct obj {
	int refs;
};

static void obj_get(struct obj *o)
{
	o->refs++;
}

static void obj_put(struct obj *o)
{
	if (o)
		o->refs--;
}

DECLARE_REF(obj, struct obj, obj_get, obj_put);

struct holder {
	struct obj_ref a, b;
};

TEST(ref_wrap_ops)
{
	struct obj o = { 0 };
	struct holder h = { REF_INIT, REF_INIT };

	CHECK(sizeof(struct obj_ref) == sizeof(void *));
	CHECK(!ref_ptr(obj, &h.a));
	ref_acquire(obj, &h.a, &o);
	CHECK(o.refs == 1 && ref_ptr(obj, &h.a) == &o);
	ref_move(obj, &h.b, &h.a);
	CHECK(o.refs == 1 && !ref_ptr(obj, &h.a) && ref_ptr(obj, &h.b) == &o);
	ref_release(obj, &h.b);
	CHECK(o.refs == 0 && !ref_ptr(obj, &h.b));
	ref_acquire(obj, &h.a, &o);
	ref_init(obj, &h.a);	/* forgets without put */
	CHECK(!ref_ptr(obj, &h.a) && o.refs == 1);
}

/* a count that records reaching zero, to see the order of get and put */
struct cnt {
	int refs;
	int zeros;
};

static void cnt_get(struct cnt *c)
{
	c->refs++;
}

static void cnt_put(struct cnt *c)
{
	if (c && --c->refs == 0)
		c->zeros++;
}

DECLARE_REF(cnt, struct cnt, cnt_get, cnt_put);

TEST(ref_wrap_replace)
{
	struct cnt a = { 1, 0 }, b = { 1, 0 };	/* the caller's own references */
	struct cnt_ref r = REF_INIT;

	ref_replace(cnt, &r, &a);		/* into an empty wrapper */
	CHECK(a.refs == 2 && ref_ptr(cnt, &r) == &a);
	ref_replace(cnt, &r, &b);		/* drops a, holds b */
	CHECK(a.refs == 1 && b.refs == 2 && ref_ptr(cnt, &r) == &b);
	cnt_put(&b);				/* only the wrapper holds b now */
	ref_replace(cnt, &r, &b);		/* the same object: get before put */
	CHECK(b.refs == 1 && b.zeros == 0 && ref_ptr(cnt, &r) == &b);
	ref_release(cnt, &r);
	CHECK(b.refs == 0 && b.zeros == 1 && !ref_ptr(cnt, &r));
	CHECK(a.zeros == 0);
}

/* ---- ref_proxy.h (single-threaded; concurrency is in tsan.c) ---- */

static int proxy_user(struct ref_proxy *proxy, int mode)
{
	int *res;

	for (int i = 0; i < 3; i++) {
		REF_PROXY_GET(proxy, res) {
			if (!res)
				return -19;
			if (mode == 0)
				return *res;
			if (mode == 1)
				break;
			if (mode == 2)
				goto out;
		}
	}
	return 3;
out:
	return 2;
}

TEST(ref_proxy_ops)
{
	int resource = 7, *res;
	struct ref_proxy_provider *rpp = ref_proxy_provider_alloc(&resource);
	struct ref_proxy *p1 = ref_proxy_alloc(rpp), *p2 = ref_proxy_alloc(rpp);
	struct ref_proxy_access a1 = REF_PROXY_ACCESS_INIT, a2;

	CHECK(rpp && p1 && p2);
	CHECK(ref_proxy_get(p1, &a1) == &resource);
	CHECK(ref_proxy_get(p2, &a2) == &resource);	/* nested accesses */
	ref_proxy_put(&a2);
	CHECK(urcu_memb_read_ongoing());
	ref_proxy_put(&a1);
	CHECK(!urcu_memb_read_ongoing());
	/* every way out of the scoped form puts the access */
	CHECK(proxy_user(p1, 0) == 7 && !urcu_memb_read_ongoing());
	CHECK(proxy_user(p1, 1) == 3 && !urcu_memb_read_ongoing());
	CHECK(proxy_user(p1, 2) == 2 && !urcu_memb_read_ongoing());
	REF_PROXY_GET(p1, res)
		CHECK(res == &resource);
	CHECK(!urcu_memb_read_ongoing());
	ref_proxy_provider_free(rpp);	/* revoke: waits for no one */
	CHECK(ref_proxy_get(p1, &a1) == NULL);
	ref_proxy_put(&a1);
	CHECK(proxy_user(p2, 0) == -19 && !urcu_memb_read_ongoing());
	ref_proxy_free(p1);
	ref_proxy_free(p2);	/* last reference frees the provider (LSan) */
	ref_proxy_free(NULL);
}

TEST(ref_proxy_access_cleanup)
{
	int resource = 7;
	struct ref_proxy_provider *rpp = ref_proxy_provider_alloc(&resource);
	struct ref_proxy *p = ref_proxy_alloc(rpp);
	struct ref_proxy_access a = REF_PROXY_ACCESS_INIT;
	char *out;

	CHECK(rpp && p);
	capture_begin();
	ref_proxy_access_cleanup(&a);	/* idle: nothing to put, no report */
	out = capture_end();
	CHECK(!a.rpp && !*out);
	free(out);
	CHECK(ref_proxy_get(p, &a) == &resource);
	CHECK(urcu_memb_read_ongoing());
	ref_proxy_access_cleanup(&a);
	CHECK(!a.rpp && !urcu_memb_read_ongoing());
	ref_proxy_access_cleanup(&a);	/* a second time: still nothing */
	ref_proxy_provider_free(rpp);
	ref_proxy_free(p);
}

TEST(ref_proxy_put_idle_is_reported)
{
	struct ref_proxy_access a = REF_PROXY_ACCESS_INIT;
	char *out;

	capture_begin();
	ref_proxy_put(&a);
	out = capture_end();
	CHECK(strstr(out, "not in progress"));
	CHECK(!urcu_memb_read_ongoing());
	free(out);
}
