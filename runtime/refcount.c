// SPDX-License-Identifier: GPL-2.0
/*
 * refcount_t error path: saturate, and warn once per call site.
 *
 * The kernel warns once per error type for the whole system; userspace
 * programs are small enough that once per call site is more useful and still
 * cannot flood the log. Sites are compared by file name contents and line,
 * since inline functions give each translation unit its own __FILE__ copy.
 */
#include <stdlib.h>
#include <string.h>

#include "internal.h"

struct warned_site {
	struct warned_site *next;
	const char *file;
	int line;
};

static pthread_mutex_t sites_lock = PTHREAD_MUTEX_INITIALIZER;
static struct warned_site *sites;
static _Atomic unsigned long nwarn;

static const char *const messages[] = {
	[REFCOUNT_ADD_NOT_ZERO_OVF] = "saturated; leaking memory",
	[REFCOUNT_ADD_OVF] = "saturated; leaking memory",
	[REFCOUNT_ADD_UAF] = "addition on 0; use-after-free",
	[REFCOUNT_SUB_UAF] = "underflow; use-after-free",
	[REFCOUNT_DEC_LEAK] = "decrement hit 0; leaking memory",
	[REFCOUNT_DEC_NOT_ONE_UAF] = "underflow; use-after-free",
};

/* true the first time a site is seen (or if it cannot be remembered) */
static bool first_at_site(const char *file, int line)
{
	struct warned_site *s;
	bool first = true;

	pthread_mutex_lock(&sites_lock);
	for (s = sites; s; s = s->next) {
		if (s->line == line && !strcmp(s->file, file)) {
			first = false;
			break;
		}
	}
	if (first) {
		s = malloc(sizeof(*s));
		if (s) {
			s->file = file;
			s->line = line;
			s->next = sites;
			sites = s;
		}
	}
	pthread_mutex_unlock(&sites_lock);
	return first;
}

void refcount_warn_saturate_at(refcount_t *r, enum refcount_saturation_type t,
			       const char *file, int line)
{
	if (t != REFCOUNT_DEC_NOT_ONE_UAF)
		refcount_set(r, REFCOUNT_SATURATED);
	atomic_fetch_add_explicit(&nwarn, 1, memory_order_relaxed);
	if (first_at_site(file, line))
		refconv_warn("refcount_t", file, line, "%s",
			     (unsigned int)t < sizeof(messages) / sizeof(messages[0]) ?
			     messages[t] : "unknown saturation event");
}

unsigned long refcount_warn_count(void)
{
	return atomic_load_explicit(&nwarn, memory_order_relaxed);
}
