/* A volume holds a reference on the user who created it. */
#ifndef STORAGE_VOLUME_H
#define STORAGE_VOLUME_H

#include "users/user.h"

struct volume {
	struct user *creator;
	long size;
};

void volume_create(struct volume *v, struct user *u, long size);
void volume_destroy(struct volume *v);

#endif
