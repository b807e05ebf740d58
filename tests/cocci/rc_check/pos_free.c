/*
 * Modelled on cpu_map__delete() in tools/lib/perf/cpumap.c (Linux 6.1):
 * the final free releases the object and its checked pointer.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	char *name;
};

void cpu_map__delete(struct cpu_map *map)
{
	if (map) {
		free(map->name);
		free(map);
	}
}
