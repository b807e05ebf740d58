/*
 * Modelled on map__get() in tools/perf/util/map.h (Linux 6.1): a get with
 * no NULL check, incrementing a plain int.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	int refcnt;
	int nr;
};

struct cpu_map *cpu_map__get(struct cpu_map *map)
{
	map->refcnt++;
	return map;
}
