/* Twin of pos_self_assign on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


int self_assign(struct obj *a)
{
	struct obj *p = a;

	p = p;
	a->peer = a->peer;
	return 0;
}
