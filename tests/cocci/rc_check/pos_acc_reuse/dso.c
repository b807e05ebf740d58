// SPDX-License-Identifier: GPL-2.0-only
/* like the nsinfo readers in tools/perf/util/dso.c and symbol.c */
#include <stdio.h>

#include "namespaces.h"

int dso__pids(struct nsinfo *nsi, char *buf, size_t len)
{
	return snprintf(buf, len, "%d/%d", (int)nsi->pid, (int)nsi->tgid);
}

int dso__same_pid(const struct nsinfo *a, const struct nsinfo *b)
{
	return a->pid == b->pid && a->tgid == b->tgid;
}

pid_t dso__nstgid(const struct nsinfo *nsi)
{
	return nsi->in_pidns ? nsi->nstgid : 0;
}
