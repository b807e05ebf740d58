// SPDX-License-Identifier: GPL-2.0-only
/* like sort__dso_cmp() in tools/perf/util/sort.c */
#include <stdint.h>

#include "map.h"

long sort_dso_cmp(const struct map *l, const struct map *r)
{
	if (l->dso == r->dso)
		return 0;
	return l->start < r->start ? -1 : 1;
}
