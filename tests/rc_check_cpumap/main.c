// SPDX-License-Identifier: GPL-2.0-only
/*
 * Drives the cpu map the way perf's users do (new, get, merge, put) and, on
 * request, makes one reference-counting mistake:
 *
 *   main clean | missed_put | double_put | use_after_put
 *
 * Prints the maps it builds, so that converted and unconverted builds can be
 * compared.
 */
#include <stdio.h>
#include <string.h>

#include "cpumap.h"

static void print_map(const char *name, struct perf_cpu_map *map)
{
	int i;

	printf("%s:", name);
	for (i = 0; i < perf_cpu_map__nr(map); i++)
		printf(" %d", perf_cpu_map__cpu(map, i).cpu);
	printf(" (nr %d)\n", map->nr);
}

int main(int argc, char **argv)
{
	static const int l1[] = { 3, 1, 2, 2 }, l2[] = { 4, 0, 2 }, l3[] = { 1, 2 };
	const char *mode = argc > 1 ? argv[1] : "clean";
	struct perf_cpu_map *a, *b, *c, *merged, *held;

	a = perf_cpu_map__new_list(l1, 4);
	b = perf_cpu_map__new_list(l2, 3);
	c = perf_cpu_map__new_list(l3, 2);
	if (!a || !b || !c)
		return 2;
	print_map("a", a);
	print_map("b", b);

	/* c is a subset of a: the merge returns a itself, c is untouched */
	merged = perf_cpu_map__merge(perf_cpu_map__get(a), c);
	print_map("a+c", merged);
	if (merged != a)
		return 3;
	perf_cpu_map__put(merged);

	/* a subset of the union: the merge puts its first argument */
	merged = perf_cpu_map__merge(perf_cpu_map__get(c), a);
	print_map("c+a", merged);
	perf_cpu_map__put(merged);

	/* a new map */
	merged = perf_cpu_map__merge(perf_cpu_map__get(a), b);
	print_map("a+b", merged);

	held = perf_cpu_map__get(merged);
	if (!strcmp(mode, "missed_put")) {
		/* held is never put */
	} else if (!strcmp(mode, "double_put")) {
		perf_cpu_map__put(held);
		perf_cpu_map__put(held);
	} else if (!strcmp(mode, "use_after_put")) {
		perf_cpu_map__put(held);
		printf("held nr %d\n", perf_cpu_map__nr(held));
	} else {
		perf_cpu_map__put(held);
	}

	perf_cpu_map__put(merged);
	perf_cpu_map__put(a);
	perf_cpu_map__put(b);
	perf_cpu_map__put(c);
	return 0;
}
