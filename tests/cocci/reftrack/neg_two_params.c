/* Twin of pos_two_params on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


void link_both(struct obj *a, struct obj *b)
{
	a->peer = b;
	b->peer = a;
	a->peer = NULL;
	b->peer = NULL;
}
