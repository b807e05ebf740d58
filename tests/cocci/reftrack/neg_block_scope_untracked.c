/* Twin of neg_block_scope on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


int blocky(struct obj *a)
{
	int n = 0;

	if (a) {
		struct obj *p = a->peer;

		if (p)
			n = p->v;
	}
	return n;
}
