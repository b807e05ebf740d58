#include "net/session.h"

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
