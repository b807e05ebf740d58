/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A userspace session cache written in the kernel style (kernel-named
 * atomic_t from refconv's runtime, as perf does with tools/include):
 * session.refs converts to refcount_t; session.hits is a statistics counter
 * and its atomic_inc_return keeps it atomic_t.
 */
#ifndef SESSION_H
#define SESSION_H

#include <refconv/atomic.h>

struct session {
	atomic_t refs;
	atomic_t hits;
	char name[32];
};

struct session *session_new(const char *name);
struct session *session_get(struct session *s);
void session_put(struct session *s);
int session_hit(struct session *s);

#endif /* SESSION_H */
