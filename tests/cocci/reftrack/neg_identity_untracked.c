/* Twin of neg_identity on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


struct obj *id(struct obj *p)
{
	return p;
}

int use(struct obj *a)
{
	struct obj *q = id(id(a));

	return q->v;
}
