/*
 * Modelled on drivers/tty/tty_io.c (Linux 6.1), release_tty(), in
 * userspace: "if (x->f) PUT(x->f); x->f = NULL;".
 * Positive: the userspace ref_release() calls put even on an empty wrapper,
 * like the code it replaces, so the test stays: if (ref_ptr()) ref_release().
 */
#include <stdlib.h>

struct user {
	int refs;
	int uid;
};

void user_get(struct user *u)
{
	u->refs++;
}

void user_put(struct user *u)
{
	if (--u->refs == 0)
		free(u);
}

struct session {
	struct user *owner;
	int id;
};

void session_open(struct session *s, struct user *u)
{
	user_get(u);
	s->owner = u;
}

void session_close(struct session *s)
{
	if (s->owner)
		user_put(s->owner);
	s->owner = NULL;
}
