/*
 * Modelled on tools/lib/perf/include/internal/cpumap.h (Linux 6.1): the
 * definition alone becomes DECLARE_RC_STRUCT(); its comments stay.
 */
#include <stdlib.h>

#include <refconv/refcount.h>

struct cpu_map {
	refcount_t refcnt;
	/* Length of the map array. */
	int nr;
	/* The CPU values. */
	int map[];
};
