/*
 * Modelled on perf_cpu_map__get() in tools/lib/perf/cpumap.c (Linux 6.1):
 * the get returns a new checked pointer from RC_CHK_GET().
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

struct cpu_map *cpu_map__get(struct cpu_map *map)
{
	if (map)
		refcount_inc(&map->refcnt);
	return map;
}
