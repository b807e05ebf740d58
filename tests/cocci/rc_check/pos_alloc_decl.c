/*
 * Modelled on perf_cpu_map__alloc() in tools/lib/perf/cpumap.c (Linux 6.1):
 * the allocation in a declaration gets its checked pointer at once, and
 * sizeof(*cpus) is the size of the object, not of the indirection.
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
	struct cpu_map *cpus = malloc(sizeof(*cpus) + sizeof(int) * nr);

	if (cpus != NULL) {
		cpus->nr = nr;
		refcount_set(&cpus->refcnt, 1);
	}
	return cpus;
}
