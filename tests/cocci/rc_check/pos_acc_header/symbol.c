// SPDX-License-Identifier: GPL-2.0-only
/* like map__map_ip() and map__objdump_2mem() users in tools/perf/util/symbol.c */
#include <stdint.h>

#include "map.h"

uint64_t map_ip(const struct map *map, uint64_t ip)
{
	return ip - map->start + map->pgoff;
}

int map_contains(const struct map *map, uint64_t ip)
{
	return ip >= map->start && ip < map->end;
}
