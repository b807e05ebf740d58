/*
 * Modelled on perf_cpu_map__new() in tools/lib/perf/cpumap.c (Linux 6.1):
 * the temporary array of CPUs is allocated and freed, but it is not a
 * struct cpu_map.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map;

struct cpu_map *cpu_map__trim_new(int nr, const int *cpus);

struct cpu_map *cpu_map__from(const int *list, int nr)
{
	int *tmp = malloc(nr * sizeof(int));
	struct cpu_map *cpus;
	int i;

	if (!tmp)
		return NULL;
	for (i = 0; i < nr; i++)
		tmp[i] = list[i];
	cpus = cpu_map__trim_new(nr, tmp);
	free(tmp);
	return cpus;
}
