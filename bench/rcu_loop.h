/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The rcu_read_lock/unlock baseline loop, included by bench.c (library
 * calls) and by bench_lgpl.c (inlined with _LGPL_SOURCE) as RCU_LOOP.
 */
#include <urcu/urcu-memb.h>

#include "bench.h"

double RCU_LOOP(long n)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		urcu_memb_read_lock();
		keep(&i);
		urcu_memb_read_unlock();
	}
	return (double)(now_ns() - t) / (double)n;
}
