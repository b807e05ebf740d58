/*
 * Modelled on struct perf_thread_map in tools/lib/perf/threadmap.c (Linux
 * 6.1): same shape and field names, but not the struct of the spec.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct thread_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

struct thread_map *thread_map__get(struct thread_map *map)
{
	if (map)
		refcount_inc(&map->refcnt);
	return map;
}

void thread_map__put(struct thread_map *map)
{
	if (map && refcount_dec_and_test(&map->refcnt))
		free(map);
}
