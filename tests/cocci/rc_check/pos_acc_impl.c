/*
 * Modelled on tools/lib/perf/cpumap.c (Linux 6.1): every access is in a
 * function that implements the type, named cpu_map__*() or converted as its
 * allocation, get, put or free (cpu_map_alloc(), map_get(), map_put(),
 * map_delete()), so all of them stay RC_CHK_ACCESS() and no accessor is
 * added, as in perf's own cpumap.c. Negative for accessors.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

struct cpu_map *cpu_map_alloc(int nr)
{
	struct cpu_map *cpus = malloc(sizeof(*cpus) + sizeof(int) * nr);

	if (cpus) {
		cpus->nr = nr;
		refcount_set(&cpus->refcnt, 1);
	}
	return cpus;
}

static void map_delete(struct cpu_map *map)
{
	if (map && map->nr >= 0)
		free(map);
}

struct cpu_map *map_get(struct cpu_map *map)
{
	if (map && map->nr)
		refcount_inc(&map->refcnt);
	return map;
}

void map_put(struct cpu_map *map)
{
	if (map && refcount_dec_and_test(&map->refcnt))
		map_delete(map);
}

int cpu_map__idx(const struct cpu_map *cpus, int cpu)
{
	int i;

	for (i = 0; i < cpus->nr; i++)
		if (cpus->map[i] == cpu)
			return i;
	return -1;
}
