/* A static take() of this file's own, not converted yet: it is converted,
 * whatever a.c's take() is. */
#include <stdlib.h>
#include "obj.h"

static struct sobj *cur;

static void take(struct sobj *o)
{
	cur = o;
}

void b_set(struct sobj *o)
{
	take(o);
}

void b_drop(void)
{
	free(cur);
}
