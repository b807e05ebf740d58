// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency tests, run under ThreadSanitizer: counts under contention,
 * ref_proxy revoke against readers, and two threads sharing one consumer
 * handle (the seed's shared SRCU index race: TSan must see no race here).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include <refconv/refcount.h>
#include <refconv/reftrack.h>
#include <refconv/ref_proxy.h>

#include "harness.h"

#define LOOPS 20000

static void run_threads(int n, void *(*fn)(void *), void *arg)
{
	pthread_t t[4];

	for (int i = 0; i < n; i++)
		CHECK(!pthread_create(&t[i], NULL, fn, arg));
	for (int i = 0; i < n; i++)
		pthread_join(t[i], NULL);
}

struct payload {
	refcount_t refs;
	int data;
};

static void *refcount_worker(void *arg)
{
	struct payload *p = arg;

	for (int i = 0; i < LOOPS; i++) {
		refcount_inc(&p->refs);
		CHECK(p->data == 42);
		if (refcount_dec_and_test(&p->refs))
			free(p);
	}
	return NULL;
}

TEST(tsan_refcount_contention)
{
	struct payload *p = malloc(sizeof(*p));

	refcount_set(&p->refs, 1);
	p->data = 42;
	run_threads(2, refcount_worker, p);
	CHECK(refcount_read(&p->refs) == 1);
	/* the last put frees: TSan checks the release/acquire pairing */
	if (refcount_dec_and_test(&p->refs))
		free(p);
}

struct two_owners {
	refcount_t refs;
	int written[2];
};

static struct two_owners *owners;

static void *last_put_worker(void *arg)
{
	struct two_owners *o = owners;
	int id = (int)(intptr_t)arg;

	o->written[id] = 1;	/* each owner writes before its put */
	if (refcount_dec_and_test(&o->refs)) {
		/* the last put must see the other owner's write */
		CHECK(o->written[0] && o->written[1]);
		free(o);
	}
	return NULL;
}

TEST(tsan_refcount_last_put_orders)
{
	pthread_t t[2];

	owners = calloc(1, sizeof(*owners));
	refcount_set(&owners->refs, 2);
	for (int i = 0; i < 2; i++)
		CHECK(!pthread_create(&t[i], NULL, last_put_worker, (void *)(intptr_t)i));
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
}

static void *reftrack_worker(void *arg)
{
	for (int i = 0; i < LOOPS; i++) {
		reftrack_addref(arg);
		reftrack_removeref(arg);
	}
	reftrack_removeref(arg);	/* drop the reference given to us */
	return NULL;
}

TEST(tsan_reftrack_contention)
{
	int *obj = rc_malloc(sizeof(int));

	*obj = 1;
	reftrack_addref(obj);
	reftrack_addref(obj);	/* one per worker; the last removeref frees */
	run_threads(2, reftrack_worker, obj);
}

struct resource {
	int value;
};

static struct ref_proxy *shared_proxy;
static atomic_int readers_started, revoked_seen;

static void *proxy_reader(void *arg)
{
	struct resource *r;
	bool saw_null = false;

	(void)arg;
	atomic_fetch_add_explicit(&readers_started, 1, memory_order_relaxed);
	while (!saw_null) {
		REF_PROXY_GET(shared_proxy, r) {
			if (!r) {
				saw_null = true;
				break;
			}
			CHECK(r->value == 7);	/* resource alive inside the access */
		}
	}
	atomic_fetch_add_explicit(&revoked_seen, 1, memory_order_relaxed);
	return NULL;
}

TEST(tsan_proxy_revoke_vs_read)
{
	struct resource *res = malloc(sizeof(*res));
	struct ref_proxy_provider *rpp;
	pthread_t t[2];

	res->value = 7;
	rpp = ref_proxy_provider_alloc(res);
	shared_proxy = ref_proxy_alloc(rpp);	/* one handle, two threads */
	for (int i = 0; i < 2; i++)
		CHECK(!pthread_create(&t[i], NULL, proxy_reader, NULL));
	while (atomic_load(&readers_started) < 2)
		;
	ref_proxy_provider_free(rpp);	/* revoke: waits for readers */
	res->value = 0;			/* TSan: no reader may still see it */
	free(res);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	CHECK(atomic_load(&revoked_seen) == 2);
	ref_proxy_free(shared_proxy);
}

static void *shared_consumer(void *arg)
{
	struct ref_proxy_access acc;

	(void)arg;
	for (int i = 0; i < LOOPS; i++) {
		struct resource *r = ref_proxy_get(shared_proxy, &acc);

		CHECK(r && r->value == 7);
		ref_proxy_put(&acc);
	}
	return NULL;
}

TEST(tsan_proxy_shared_consumer)
{
	struct resource res = { .value = 7 };
	struct ref_proxy_provider *rpp = ref_proxy_provider_alloc(&res);

	shared_proxy = ref_proxy_alloc(rpp);
	run_threads(2, shared_consumer, NULL);
	ref_proxy_provider_free(rpp);
	ref_proxy_free(shared_proxy);
}
