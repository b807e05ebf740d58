/* Twin of pos_loop on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


int count(struct obj *head)
{
	struct obj *p = head;
	int n = 0;

	while (p) {
		n++;
		p = p->peer;
	}
	return n;
}
