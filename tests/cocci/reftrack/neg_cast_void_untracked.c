/* Twin of neg_cast_void on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


int stash(struct obj *a)
{
	void *v;

	v = (void *)a;
	return v != NULL;
}
