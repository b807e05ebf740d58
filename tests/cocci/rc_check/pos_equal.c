/*
 * Modelled on perf_cpu_map__is_subset() and perf_cpu_map__equal() in
 * tools/lib/perf/cpumap.c (Linux 6.1 and later): two checked pointers to one
 * object differ, so pointer comparisons become RC_CHK_EQUAL(); comparisons
 * with NULL stay.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

int cpu_map__same(const struct cpu_map *a, const struct cpu_map *b)
{
	if (a == b)
		return 1;
	if (a != NULL && b != NULL && a != b)
		return a->nr == b->nr;
	return 0;
}
