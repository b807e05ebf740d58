/*
 * Modelled on tools/lib/perf/cpumap.c (Linux 6.1), where
 * perf_cpu_map__nr() is the existing accessor of nr: a reader below its
 * definition calls it, a reader above it (it is not declared there) keeps
 * RC_CHK_ACCESS(), and nothing is defined twice. cpu_map__max() has an
 * accessor's name and type but computes something else: reads of max stay.
 */
#include <stdbool.h>
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int max;
	int map[];
};

static bool cpu_map_empty(const struct cpu_map *cpus)
{
	return cpus->nr == 0;
}

int cpu_map__nr(const struct cpu_map *cpus)
{
	return cpus ? cpus->nr : 1;
}

int cpu_map__max(const struct cpu_map *cpus)
{
	return cpus->nr ? cpus->map[cpus->nr - 1] : -1;
}

static int cpu_map_last(const struct cpu_map *cpus)
{
	return cpu_map_empty(cpus) ? -1 : cpus->map[cpus->nr - 1];
}

int cpu_map_bound(const struct cpu_map *cpus)
{
	return cpus->max > 0 ? cpus->max : cpu_map_last(cpus);
}
