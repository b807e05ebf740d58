/* SPDX-License-Identifier: GPL-2.0 */
/* Shared by the benchmark translation units. */
#ifndef REFCONV_BENCH_H
#define REFCONV_BENCH_H

#include <stdint.h>
#include <time.h>

static inline uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Keep the compiler from deleting work whose result is unused. */
#define keep(p) __asm__ volatile("" : : "r"(p) : "memory")

/* bench_debug.c: the same loops built with REFTRACK_DEBUG and REF_DEBUG */
double dbg_addref_removeref(long n);
double dbg_rc_malloc_free(long n);
double dbg_ref_acquire_release(long n);
/* bench_lgpl.c: liburcu's inlined read lock (_LGPL_SOURCE) */
double lgpl_rcu_read_lock_unlock(long n);
/* bench.c: the non-debug loops, shared with bench_debug.c's source */
double loop_addref_removeref(long n);
double loop_rc_malloc_free(long n);
double loop_ref_acquire_release(long n);
double rcu_lock_unlock(long n);

#endif /* REFCONV_BENCH_H */
