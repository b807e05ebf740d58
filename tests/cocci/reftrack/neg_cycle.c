/* Twin of pos_cycle on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


int make_cycle(void)
{
	struct obj *a;
	struct obj *b;

	a = malloc(sizeof(*a));
	b = malloc(sizeof(*b));
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	a->peer = b;
	b->peer = a;
	b->peer = NULL;
	free(a);
	free(b);
	return 0;
}
