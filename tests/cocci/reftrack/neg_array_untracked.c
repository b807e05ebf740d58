/* Twin of neg_array on an untracked struct. */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int v;
	struct obj *peer;
};


void fill(struct obj *a)
{
	struct obj *arr[4];
	int i;

	for (i = 0; i < 4; i++)
		arr[i] = a;
	printf("%d\n", arr[0]->v);
}
