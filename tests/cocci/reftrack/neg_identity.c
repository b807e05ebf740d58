/* Identity functions return tracked pointers: returned references are not converted, the type is kept (plugin test identity.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


struct obj *id(struct obj *p)
{
	return p;
}

int use(struct obj *a)
{
	struct obj *q = id(id(a));

	return q->v;
}
