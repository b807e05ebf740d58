/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The shape of struct map in tools/perf/util/map.h (Linux 6.1): defined in a
 * header, implemented in map.c, read by symbol.c and sort.c.
 */
#ifndef MAP_H
#define MAP_H

#include <stdint.h>
#include <stdlib.h>

#include <refconv/refcount.h>

struct dso;

struct map {
	uint64_t start;
	uint64_t end;
	uint64_t pgoff;
	struct dso *dso;
	refcount_t refcnt;
};

struct map *map__new(uint64_t start, uint64_t len, struct dso *dso);
struct map *map__get(struct map *map);
void map__put(struct map *map);
size_t map__size(const struct map *map);

#endif /* MAP_H */
