/*
 * Modelled on perf_cpu_map__nr() and perf_cpu_map__empty() in
 * tools/lib/perf/cpumap.c (Linux 6.1): const pointers are checked pointers too.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

int cpu_map__nr(const struct cpu_map *cpus)
{
	return cpus ? cpus->nr : 1;
}

int cpu_map__empty(const struct cpu_map *map)
{
	return map ? map->map[0] == -1 : 1;
}
