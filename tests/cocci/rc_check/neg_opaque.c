/*
 * Modelled on tools/perf/util/evlist.c (Linux 6.1): a user that only holds,
 * passes, NULL-tests and puts struct cpu_map pointers through the API; the
 * pointers are already checked pointers and nothing changes.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map;

struct cpu_map *cpu_map__get(struct cpu_map *map);
void cpu_map__put(struct cpu_map *map);

struct holder {
	struct cpu_map *cpus;
};

void holder__set_cpus(struct holder *h, struct cpu_map *cpus)
{
	if (h->cpus == NULL && cpus != NULL) {
		cpu_map__put(h->cpus);
		h->cpus = cpu_map__get(cpus);
	}
}
