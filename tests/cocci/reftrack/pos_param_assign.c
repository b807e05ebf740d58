/* Assigning to a parameter: the parameter holds the reference its caller passed, the store moves it. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int last(struct obj *a)
{
	while (a->peer)
		a = a->peer;
	return a->v;
}
