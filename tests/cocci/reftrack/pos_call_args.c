/* Tracked pointers passed to a converted function are borrowed: only the local is counted (plugin README function calls). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


static int value(const struct obj *o)
{
	return o->v;
}

int sum2(struct obj *a, struct obj *b)
{
	struct obj *p = a;
	int s;

	s = value(p) + value(b);
	return s;
}
