/* Twin of pos_simple_assign on an untracked struct: nothing changes. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


void swap_peer(struct obj *a, struct obj *b)
{
	struct obj *p;

	p = a;
	p->peer = b;
	p = b;
	p->peer = a;
}
