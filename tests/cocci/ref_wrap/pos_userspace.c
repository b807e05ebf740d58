/*
 * Modelled on drivers/tty/tty_io.c (Linux 6.1), in userspace: a session
 * cache holds a reference on its user record.
 * Positive: include/refconv/ref_wrap.h; acquire, read, release.
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
	s->owner = u;
	user_get(u);
}

int session_uid(struct session *s)
{
	return s->owner->uid;
}

void session_close(struct session *s)
{
	user_put(s->owner);
	s->owner = NULL;
}
