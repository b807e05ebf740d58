/*
 * Modelled on evsel__cpus() users in tools/perf/util/evsel.c (Linux 6.1):
 * a checked pointer held in another struct, reached through it.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

struct evsel {
	struct cpu_map *cpus;
	int idx;
};

int evsel__nr_cpus(struct evsel *evsel)
{
	return evsel->cpus ? evsel->cpus->nr : 1;
}
