/*
 * Modelled on perf_cpu_map__cpu() and perf_cpu_map__max() in
 * tools/lib/perf/cpumap.c (Linux 6.1): reads, an array field, a write.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

int cpu_map__cpu(struct cpu_map *cpus, int idx)
{
	if (cpus && idx < cpus->nr)
		return cpus->map[idx];
	return -1;
}

void cpu_map__set(struct cpu_map *cpus, int idx, int cpu)
{
	cpus->map[idx] = cpu;
}
