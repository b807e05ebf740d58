/* Release in the other file of the multi-file case. */
#include <stdlib.h>
#include "obj.h"

void holder_drop(struct holder *h)
{
	struct mobj *m = h->first;

	if (!m)
		return;
	h->first = m->next;
	free(m);
}
