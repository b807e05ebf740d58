/* A session holds a reference on its owner. */
#ifndef NET_SESSION_H
#define NET_SESSION_H

#include "users/user.h"

struct session {
	struct user *owner;
	int id;
};

void session_open(struct session *s, struct user *u);
int session_uid(struct session *s);
void session_close(struct session *s);

#endif
