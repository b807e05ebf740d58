/* Twin of pos_static on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


static struct obj *current;

void set_current(struct obj *o)
{
	current = o;
}

void clear_current(void)
{
	current = NULL;
}
