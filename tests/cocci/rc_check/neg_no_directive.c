/*
 * Modelled on tools/lib/perf/cpumap.c (Linux 6.1) with a spec that names no
 * rc_check type: nothing is checked.
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
