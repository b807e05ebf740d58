#include "storage/volume.h"

void volume_create(struct volume *v, struct user *u, long size)
{
	v->creator = u;
	user_get(u);
	v->size = size;
}

void volume_destroy(struct volume *v)
{
	user_put(v->creator);
	v->creator = NULL;
}
