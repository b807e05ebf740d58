/* Twin of neg_call_result on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


extern struct obj *lookup(int key);

int find(int key)
{
	struct obj *p;

	p = lookup(key);
	return p ? p->v : -1;
}
