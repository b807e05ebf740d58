/*
 * Modelled on nsinfo__put() in tools/perf/util/namespaces.c (Linux 6.1): a
 * put that returns early on NULL and frees in the branch.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

void cpu_map__put(struct cpu_map *map)
{
	if (!map)
		return;
	if (refcount_dec_and_test(&map->refcnt))
		free(map);
}
