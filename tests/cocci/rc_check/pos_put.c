/*
 * Modelled on perf_cpu_map__put() in tools/lib/perf/cpumap.c (Linux 6.1):
 * a put that is not the last drops its checked pointer with RC_CHK_PUT().
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

void cpu_map__delete(struct cpu_map *map);

void cpu_map__put(struct cpu_map *map)
{
	if (map && refcount_dec_and_test(&map->refcnt))
		cpu_map__delete(map);
}
