/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A sized, reference-counted, sorted array of CPU numbers: the shape of
 * libperf's struct perf_cpu_map in Linux 6.1 (tools/lib/perf/cpumap.c and
 * include/internal/cpumap.h), before perf added reference count checking.
 */
#ifndef CPUMAP_H
#define CPUMAP_H

#include <stdbool.h>
#include <stdlib.h>

#include <refconv/refcount.h>

struct perf_cpu {
	int cpu;
};

struct perf_cpu_map {
	refcount_t refcnt;
	/* Length of the map array. */
	int nr;
	/* The CPU values, sorted. */
	struct perf_cpu map[];
};

struct perf_cpu_map *perf_cpu_map__dummy_new(void);
struct perf_cpu_map *perf_cpu_map__new_list(const int *cpus, int nr);
struct perf_cpu_map *perf_cpu_map__get(struct perf_cpu_map *map);
void perf_cpu_map__put(struct perf_cpu_map *map);
int perf_cpu_map__nr(const struct perf_cpu_map *cpus);
struct perf_cpu perf_cpu_map__cpu(const struct perf_cpu_map *cpus, int idx);
bool perf_cpu_map__is_subset(const struct perf_cpu_map *a,
			     const struct perf_cpu_map *b);
struct perf_cpu_map *perf_cpu_map__merge(struct perf_cpu_map *orig,
					 struct perf_cpu_map *other);

#endif /* CPUMAP_H */
