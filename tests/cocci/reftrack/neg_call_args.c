/* Twin of pos_call_args on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


static int value(const struct obj *o)
{
	return o->v;
}

int sum2(struct obj *a, struct obj *b)
{
	struct obj *p = a;
	int s;

	s = value(p) + value(b);
	return s;
}
