/* Arrays of tracked pointers are not counted, nor their element stores; the rest of the type converts (plugin test array.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


void fill(struct obj *a)
{
	struct obj *arr[4];
	int i;

	for (i = 0; i < 4; i++)
		arr[i] = a;
	printf("%d\n", arr[0]->v);
}
