/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct nsinfo as in tools/perf/util/namespaces.h, with some of the
 * accessors perf added in "perf namespaces: Add functions to access nsinfo"
 * already there: they are used, not defined again.
 */
#ifndef NAMESPACES_H
#define NAMESPACES_H

#include <stdbool.h>
#include <sys/types.h>

#include <refconv/refcount.h>

struct nsinfo {
	pid_t pid;
	pid_t tgid;
	pid_t nstgid;
	bool need_setns;
	bool in_pidns;
	char *mntns_path;
	refcount_t refcnt;
};

struct nsinfo *nsinfo__new(pid_t pid);
void nsinfo__put(struct nsinfo *nsi);
pid_t nsinfo__tgid(const struct nsinfo *nsi);
pid_t nsinfo__pid(struct nsinfo *nsi);
/* not an accessor: same name as a field, other parameters */
pid_t nsinfo__nstgid(const struct nsinfo *nsi, bool in_pidns);

#endif /* NAMESPACES_H */
