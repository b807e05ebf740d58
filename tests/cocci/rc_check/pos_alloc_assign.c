/*
 * Modelled on perf_cpu_map__alloc() in tools/lib/perf/cpumap.c (Linux 6.1),
 * written as an assignment with calloc() and sizeof(struct cpu_map).
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

struct cpu_map *cpu_map__alloc(int nr)
{
	struct cpu_map *cpus;

	cpus = calloc(1, sizeof(struct cpu_map) + sizeof(int) * nr);
	if (!cpus)
		return NULL;
	cpus->nr = nr;
	refcount_set(&cpus->refcnt, 1);
	return cpus;
}
