// SPDX-License-Identifier: GPL-2.0
/*
 * ref_proxy on liburcu, flavour urcu-memb.
 *
 * Why memb: its read side is a thread-local counter update with only a
 * compiler barrier (the writer forces ordering with membarrier(2)), no signal
 * is taken from the application (urcu-signal), readers need not announce
 * quiescent states (urcu-qsbr), and there is no full fence per read lock
 * (urcu-mb). Its one demand, registering reader threads, is met here lazily:
 * a thread is registered on its first access and unregistered by a
 * thread-specific destructor when it exits, as urcu-bp would do, but without
 * urcu-bp's registration check inside every read lock.
 *
 * The read lock is inlined (_LGPL_SOURCE, the LGPL's small-inline-function
 * allowance) except under ThreadSanitizer, where the out-of-line calls keep
 * liburcu's internal, deliberately racy-looking accesses out of the
 * instrumented code. TSan cannot see that synchronize_rcu() waits for
 * readers (that happens through membarrier), so under TSan each put
 * does a release increment of a provider counter and each revoke an acquire
 * load of it: exactly the happens-before edge that the grace period provides.
 */
#if !defined(__SANITIZE_THREAD__)
#define _LGPL_SOURCE
#endif
#include <stdlib.h>
#include <urcu/urcu-memb.h>

#include <refconv/ref_proxy.h>

#include "internal.h"


/*
 * @res is published and revoked with release stores and read with an
 * acquire load (rcu_assign_pointer / rcu_dereference); the grace period in
 * ref_proxy_provider_free() orders every access that saw it before the
 * caller frees the resource. @refs counts the provider's own reference and
 * one per proxy.
 */
struct ref_proxy_provider {
	void *_Atomic res;
	refcount_t refs;
#if defined(__SANITIZE_THREAD__)
	_Atomic unsigned long tsan_gp;
#endif
};

#if defined(__SANITIZE_THREAD__)
#define tsan_release(rpp) \
	atomic_fetch_add_explicit(&(rpp)->tsan_gp, 1, memory_order_release)
#define tsan_acquire(rpp) \
	((void)atomic_load_explicit(&(rpp)->tsan_gp, memory_order_acquire))
#else
#define tsan_release(rpp) ((void)(rpp))
#define tsan_acquire(rpp) ((void)(rpp))
#endif

/* Never written after ref_proxy_alloc(): safe to share between threads. */
struct ref_proxy {
	struct ref_proxy_provider *rpp;
};

static __thread bool reader_registered __attribute__((tls_model("initial-exec")));
static pthread_key_t reader_key;
static pthread_once_t reader_key_once = PTHREAD_ONCE_INIT;

static void reader_exit(void *arg)
{
	(void)arg;
	urcu_memb_unregister_thread();
}

static void reader_key_create(void)
{
	if (pthread_key_create(&reader_key, reader_exit))
		abort();	/* no key: readers could never be unregistered */
}

static void __attribute__((__noinline__)) reader_register(void)
{
	reader_registered = true;
#ifdef _LGPL_SOURCE
	/* the application registered this thread itself and will unregister it */
	if (URCU_TLS(urcu_memb_reader).registered)
		return;
#endif
	pthread_once(&reader_key_once, reader_key_create);
	urcu_memb_register_thread();
	pthread_setspecific(reader_key, &reader_registered);
}

struct ref_proxy_provider *ref_proxy_provider_alloc(void *res)
{
	struct ref_proxy_provider *rpp = malloc(sizeof(*rpp));

	if (!rpp)
		return NULL;
	refcount_set(&rpp->refs, 1);
#if defined(__SANITIZE_THREAD__)
	atomic_init(&rpp->tsan_gp, 0);
#endif
	atomic_store_explicit(&rpp->res, res, memory_order_release);
	return rpp;
}

static void provider_put(struct ref_proxy_provider *rpp)
{
	if (refcount_dec_and_test(&rpp->refs))
		free(rpp);
}

void ref_proxy_provider_free(struct ref_proxy_provider *rpp)
{
	if (!rpp)
		return;
	atomic_store_explicit(&rpp->res, NULL, memory_order_release);
	urcu_memb_synchronize_rcu();
	tsan_acquire(rpp);
	provider_put(rpp);
}

struct ref_proxy *ref_proxy_alloc(struct ref_proxy_provider *rpp)
{
	struct ref_proxy *proxy = malloc(sizeof(*proxy));

	if (!proxy)
		return NULL;
	refcount_inc(&rpp->refs);
	proxy->rpp = rpp;
	return proxy;
}

void ref_proxy_free(struct ref_proxy *proxy)
{
	if (!proxy)
		return;
	provider_put(proxy->rpp);
	free(proxy);
}

void *ref_proxy_get(struct ref_proxy *proxy, struct ref_proxy_access *acc)
{
	struct ref_proxy_provider *rpp = proxy->rpp;

	if (__builtin_expect(!reader_registered, 0))
		reader_register();
	urcu_memb_read_lock();
	acc->rpp = rpp;
	return atomic_load_explicit(&rpp->res, memory_order_acquire);
}

void ref_proxy_put(struct ref_proxy_access *acc)
{
	if (__builtin_expect(!acc->rpp, 0)) {
		refconv_warn("ref_proxy", NULL, 0,
			     "ref_proxy_put of an access that is not in progress (%p); ignored",
			     (void *)acc);
		return;
	}
	tsan_release(acc->rpp);
	acc->rpp = NULL;
	urcu_memb_read_unlock();
}
