// SPDX-License-Identifier: GPL-2.0
/*
 * librefconv benchmarks: each refconv operation against the primitive it
 * replaces, run interleaved (ABAB..., the order alternating between rounds)
 * and summarized by the median of the rounds, because the machine is shared
 * and noisy. Prints ns/op and the ratio refconv/baseline; nothing is
 * asserted (figures and targets go to bench/RESULTS.md).
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <urcu/urcu-memb.h>

#include <refconv/refcount.h>
#include <refconv/ref_proxy.h>

#define LOOP(x) loop_##x
#include "loops.h"
#define RCU_LOOP rcu_lock_unlock
#include "rcu_loop.h"

#define ROUNDS 15
#define TARGET_NS 20000000.0	/* aim for ~20 ms per measurement */

typedef double (*bench_fn)(long n);

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static long calibrate(bench_fn fn)
{
	double ns = fn(10000);

	if (ns <= 0)
		ns = 1;
	return (long)(TARGET_NS / ns) + 1000;
}

/* Medians of ns/op of @a and @b measured ABAB... with alternating order. */
static void run_pair(bench_fn a, bench_fn b, double *ma, double *mb)
{
	double ra[ROUNDS], rb[ROUNDS];
	long na = calibrate(a), nb = calibrate(b);

	for (int i = 0; i < ROUNDS; i++) {
		if (i & 1) {
			rb[i] = b(nb);
			ra[i] = a(na);
		} else {
			ra[i] = a(na);
			rb[i] = b(nb);
		}
	}
	qsort(ra, ROUNDS, sizeof(double), cmp_double);
	qsort(rb, ROUNDS, sizeof(double), cmp_double);
	*ma = ra[ROUNDS / 2];
	*mb = rb[ROUNDS / 2];
}

static void row(const char *what, const char *base, bench_fn a, bench_fn b,
		const char *target)
{
	double ma, mb;

	run_pair(a, b, &ma, &mb);
	printf("%-44s %-30s %9.2f %9.2f %7.2fx  %s\n", what, base, ma, mb, mb / ma,
	       target);
	fflush(stdout);
}

/* ---- counts ---- */

static _Atomic int raw_count = 1;
static refcount_t rc_count = REFCOUNT_INIT(1);

static double raw_inc_dec(long n)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		atomic_fetch_add_explicit(&raw_count, 1, memory_order_relaxed);
		if (atomic_fetch_sub_explicit(&raw_count, 1, memory_order_release) == 1)
			abort();
	}
	return (double)(now_ns() - t) / (double)n;
}

static double refcount_inc_dec(long n)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		refcount_inc(&rc_count);
		if (refcount_dec_and_test(&rc_count))
			abort();
	}
	return (double)(now_ns() - t) / (double)n;
}

static struct bobj bare_obj;

static double bare_get_put(long n)
{
	struct bobj *p = NULL;
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		bobj_get(&bare_obj);
		p = &bare_obj;
		keep(&p);
		bobj_put(p);
		p = NULL;
	}
	return (double)(now_ns() - t) / (double)n;
}

/* ---- heap ---- */

static double malloc_free_n(long n, size_t size)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		void *p = malloc(size);

		keep(p);
		free(p);
	}
	return (double)(now_ns() - t) / (double)n;
}

static double rc_malloc_free_n(long n, size_t size)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		void *p = rc_malloc(size);

		keep(p);
		rc_free(p);
	}
	return (double)(now_ns() - t) / (double)n;
}

static double malloc_64(long n) { return malloc_free_n(n, 64); }
static double rc_malloc_64(long n) { return rc_malloc_free_n(n, 64); }
static double malloc_4k(long n) { return malloc_free_n(n, 4096); }
static double rc_malloc_4k(long n) { return rc_malloc_free_n(n, 4096); }

/* ---- ref_proxy ---- */

static struct ref_proxy *proxy;

static double proxy_get_put(long n)
{
	struct ref_proxy_access acc;
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		void *r = ref_proxy_get(proxy, &acc);

		keep(r);
		ref_proxy_put(&acc);
	}
	return (double)(now_ns() - t) / (double)n;
}

static pthread_rwlock_t rwlock = PTHREAD_RWLOCK_INITIALIZER;

static double rwlock_rd(long n)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		pthread_rwlock_rdlock(&rwlock);
		keep(&i);
		pthread_rwlock_unlock(&rwlock);
	}
	return (double)(now_ns() - t) / (double)n;
}

struct thread_arg {
	bench_fn fn;
	long n;
};

static void *thread_main(void *arg)
{
	struct thread_arg *a = arg;

	a->fn(a->n);
	return NULL;
}

/* ns per operation per thread, @fn running in 2 threads at once */
static double two_threads(bench_fn fn, long n)
{
	struct thread_arg a = { fn, n };
	pthread_t t[2];
	uint64_t start = now_ns();

	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, thread_main, &a))
			abort();
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	return (double)(now_ns() - start) / (double)n;
}

static double rwlock_2t(long n) { return two_threads(rwlock_rd, n); }
static double proxy_2t(long n) { return two_threads(proxy_get_put, n); }

static atomic_bool readers_stop;

static void *busy_reader(void *arg)
{
	(void)arg;
	while (!atomic_load_explicit(&readers_stop, memory_order_relaxed))
		proxy_get_put(1000);
	return NULL;
}

static void revoke_latency(void)
{
	double us[ROUNDS * 3];
	pthread_t t[2];
	int k = ROUNDS * 3;

	for (int i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, busy_reader, NULL))
			abort();
	for (int i = 0; i < k; i++) {
		static int res;
		struct ref_proxy_provider *rpp = ref_proxy_provider_alloc(&res);
		uint64_t s = now_ns();

		ref_proxy_provider_free(rpp);
		us[i] = (double)(now_ns() - s) / 1000.0;
	}
	atomic_store(&readers_stop, true);
	for (int i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	qsort(us, (size_t)k, sizeof(double), cmp_double);
	printf("%-44s median %.1f us, min %.1f us, max %.1f us (%d revocations)\n",
	       "ref_proxy revoke with 2 active readers", us[k / 2], us[0], us[k - 1], k);
}

int main(void)
{
	static int resource;
	struct ref_proxy_provider *rpp;

	urcu_memb_register_thread();
	rpp = ref_proxy_provider_alloc(&resource);
	proxy = ref_proxy_alloc(rpp);

	printf("%d rounds interleaved, medians; ns/op (2-thread rows: per op per thread)\n\n",
	       ROUNDS);
	printf("%-44s %-30s %9s %9s %8s  %s\n", "refconv", "baseline", "base", "refconv",
	       "ratio", "target");
	row("refcount_inc + refcount_dec_and_test", "C11 fetch_add + fetch_sub",
	    raw_inc_dec, refcount_inc_dec, "<= 1.05x");
	row("reftrack_addref + reftrack_removeref", "C11 fetch_add + fetch_sub",
	    raw_inc_dec, loop_addref_removeref, "<= 1.05x");
	row("ref_acquire + ref_release", "bare get + put",
	    bare_get_put, loop_ref_acquire_release, "same code");
	row("rc_malloc + rc_free, 64 B", "malloc + free, 64 B",
	    malloc_64, rc_malloc_64, "<= 1.10x");
	row("rc_malloc + rc_free, 4 KiB", "malloc + free, 4 KiB",
	    malloc_4k, rc_malloc_4k, "<= 1.10x");
	row("ref_proxy_get + ref_proxy_put", "rcu_read_lock/unlock (calls)",
	    rcu_lock_unlock, proxy_get_put, "<= 1.5x");
	row("ref_proxy_get + ref_proxy_put", "rcu_read_lock/unlock (inline)",
	    lgpl_rcu_read_lock_unlock, proxy_get_put, "(info)");
	row("ref_proxy get/put, 2 reader threads", "pthread_rwlock rd, 2 threads",
	    rwlock_2t, proxy_2t, "<= 0.20x (5x faster)");
	row("REFTRACK_DEBUG addref + removeref", "same without debug",
	    loop_addref_removeref, dbg_addref_removeref, "(debug cost)");
	row("REFTRACK_DEBUG rc_malloc + rc_free, 64 B", "same without debug",
	    loop_rc_malloc_free, dbg_rc_malloc_free, "(debug cost)");
	row("REF_DEBUG ref_acquire + ref_release", "same without debug",
	    loop_ref_acquire_release, dbg_ref_acquire_release, "(debug cost)");
	putchar('\n');
	revoke_latency();

	ref_proxy_provider_free(rpp);
	ref_proxy_free(proxy);
	urcu_memb_unregister_thread();
	return 0;
}
