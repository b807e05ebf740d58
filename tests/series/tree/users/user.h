/* A reference-counted user record, shared by the other subsystems. */
#ifndef USERS_USER_H
#define USERS_USER_H

#include <stdlib.h>

struct user {
	int refs;
	int uid;
};

static inline void user_get(struct user *u)
{
	u->refs++;
}

static inline void user_put(struct user *u)
{
	if (--u->refs == 0)
		free(u);
}

#endif
