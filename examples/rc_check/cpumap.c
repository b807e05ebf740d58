// SPDX-License-Identifier: GPL-2.0-only
/*
 * A reference-counted CPU map in the shape of libperf's struct perf_cpu_map
 * (Linux 6.1 tools/lib/perf/cpumap.c, before RC_CHK). cocci/rc_check.cocci
 * puts it under the reference-count checker ("rc_check cpu_map" in
 * refconv.spec): with ASan, a missed put is reported as a leak at the get.
 */
#include <stdbool.h>
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

struct cpu_map *cpu_map__new(int nr)
{
	struct cpu_map *cpus = malloc(sizeof(*cpus) + sizeof(int) * nr);
	int i;

	if (cpus) {
		cpus->nr = nr;
		for (i = 0; i < nr; i++)
			cpus->map[i] = i;
		refcount_set(&cpus->refcnt, 1);
	}
	return cpus;
}

struct cpu_map *cpu_map__get(struct cpu_map *map)
{
	if (map)
		refcount_inc(&map->refcnt);
	return map;
}

void cpu_map__put(struct cpu_map *map)
{
	if (map && refcount_dec_and_test(&map->refcnt))
		free(map);
}

int cpu_map__nr(const struct cpu_map *map)
{
	return map ? map->nr : 1;
}

bool cpu_map__same(const struct cpu_map *a, const struct cpu_map *b)
{
	return a == b;
}
