// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "session.h"

struct session *session_new(const char *name)
{
	struct session *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	snprintf(s->name, sizeof(s->name), "%s", name);
	atomic_set(&s->refs, 1);
	return s;
}

struct session *session_get(struct session *s)
{
	atomic_inc(&s->refs);
	return s;
}

void session_put(struct session *s)
{
	if (atomic_dec_and_test(&s->refs)) {
		printf("session %s freed after %d hits\n", s->name,
		       atomic_read(&s->hits));
		free(s);
	}
}

int session_hit(struct session *s)
{
	return atomic_inc_return(&s->hits);
}

int main(void)
{
	struct session *s = session_new("demo");
	struct session *t;

	if (!s)
		return 1;
	t = session_get(s);
	session_hit(t);
	session_hit(s);
	session_put(t);
	session_put(s);
	return 0;
}
