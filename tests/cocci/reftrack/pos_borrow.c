/* A "borrow FUNC" spec line: FUNC's tracked parameters are not counted, its callers pass no reference. */
#include <stdio.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
};
REFTRACK_EPILOG(obj);

int peek(struct obj *o)
{
	return o->v;
}

int keep(struct obj *o)
{
	return o->v + 1;
}

int both(struct obj *o)
{
	return peek(o) + keep(o);
}
