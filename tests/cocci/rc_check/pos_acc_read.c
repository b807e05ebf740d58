/*
 * Modelled on struct nsinfo in tools/perf/util/namespaces.c and its readers
 * in tools/perf/util/symbol.c and dso.c (Linux 6.1), before perf added
 * nsinfo__pid(), nsinfo__tgid() and friends for its reference count
 * checking. Positive: reads outside the nsinfo__ functions become accessor
 * calls, and only the fields read so get an accessor.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
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

struct nsinfo *nsinfo__new(pid_t pid)
{
	struct nsinfo *nsi = calloc(1, sizeof(*nsi));

	if (nsi) {
		nsi->pid = pid;
		nsi->tgid = pid;
		nsi->nstgid = pid;
		refcount_set(&nsi->refcnt, 1);
	}
	return nsi;
}

bool nsinfo__is_self(const struct nsinfo *nsi, pid_t pid)
{
	return nsi->pid == pid && !nsi->need_setns;
}

/* like dso__read_binary_type_filename(): the mount namespace path */
int dso__nspath(const struct nsinfo *nsi, char *buf, size_t len)
{
	if (!nsi->need_setns)
		return 0;
	return snprintf(buf, len, "/proc/%d/root%s", (int)nsi->tgid,
			nsi->mntns_path ? nsi->mntns_path : "");
}

/* like symbol__read_kptr_restrict() */
bool symbol__in_pidns(struct nsinfo **nsis, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (nsis[i]->tgid != nsis[i]->pid)
			return false;
	return true;
}
