/* Twin of neg_loop_for_header on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


int count(struct obj *head)
{
	struct obj *p;
	int n = 0;

	for (p = head; p; p = p->peer)
		n++;
	return n;
}
