// SPDX-License-Identifier: GPL-2.0
/* liburcu's read lock inlined, as LGPL-compatible code may use it. */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>

#include "bench.h"

double lgpl_rcu_read_lock_unlock(long n)
{
	uint64_t t = now_ns();

	for (long i = 0; i < n; i++) {
		urcu_memb_read_lock();
		keep(&i);
		urcu_memb_read_unlock();
	}
	return (double)(now_ns() - t) / (double)n;
}
