// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modelled on tools/perf/util/map.c (Linux 6.1): the functions that
 * implement struct map keep RC_CHK_ACCESS(); the readers in symbol.c and
 * sort.c get accessors, emitted once, in map.h.
 */
#include <stdlib.h>

#include "map.h"

struct map *map__new(uint64_t start, uint64_t len, struct dso *dso)
{
	struct map *map = malloc(sizeof(*map));

	if (map) {
		map->start = start;
		map->end = start + len;
		map->pgoff = 0;
		map->dso = dso;
		refcount_set(&map->refcnt, 1);
	}
	return map;
}

struct map *map__get(struct map *map)
{
	if (map)
		refcount_inc(&map->refcnt);
	return map;
}

void map__put(struct map *map)
{
	if (map && refcount_dec_and_test(&map->refcnt))
		free(map);
}

size_t map__size(const struct map *map)
{
	return map->end - map->start;
}
