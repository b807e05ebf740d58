/* Allocation in one file of the multi-file case. */
#include <stdlib.h>
#include "obj.h"

int holder_add(struct holder *h, int v)
{
	struct mobj *m;

	m = malloc(sizeof(*m));
	if (!m)
		return -1;
	m->v = v;
	m->next = h->first;
	h->first = m;
	return 0;
}
