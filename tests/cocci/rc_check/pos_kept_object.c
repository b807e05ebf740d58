/*
 * Modelled on perf's tests that put a struct on the stack: such an object is
 * not behind a pointer and cannot be checked; report mode says so, while
 * the definition and pointer accesses convert.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	int nr;
	int map[];
};

int cpu_map__stack_nr(const struct cpu_map *m)
{
	struct cpu_map copy;

	copy.nr = m->nr;
	return copy.nr + (int)sizeof(struct cpu_map);
}
