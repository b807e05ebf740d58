// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modelled on tools/perf/util/namespaces.c (Linux 6.1) after perf's
 * "perf namespaces: Add functions to access nsinfo": existing accessors are
 * reused by the readers in dso.c; nsinfo__pid() takes a non-const pointer,
 * so a read through a const pointer stays RC_CHK_ACCESS(); nsinfo__nstgid()
 * is not an accessor, so reads of nstgid stay too; in_pidns gets one.
 */
#include <stdlib.h>

#include "namespaces.h"

struct nsinfo *nsinfo__new(pid_t pid)
{
	struct nsinfo *nsi = calloc(1, sizeof(*nsi));

	if (nsi) {
		nsi->pid = pid;
		nsi->tgid = pid;
		nsi->nstgid = pid;
		nsi->in_pidns = true;
		refcount_set(&nsi->refcnt, 1);
	}
	return nsi;
}

void nsinfo__put(struct nsinfo *nsi)
{
	if (nsi && refcount_dec_and_test(&nsi->refcnt))
		free(nsi);
}

pid_t nsinfo__tgid(const struct nsinfo *nsi)
{
	return nsi->tgid;
}

pid_t nsinfo__pid(struct nsinfo *nsi)
{
	return nsi->pid;
}

pid_t nsinfo__nstgid(const struct nsinfo *nsi, bool in_pidns)
{
	return in_pidns ? nsi->nstgid : nsi->tgid;
}
