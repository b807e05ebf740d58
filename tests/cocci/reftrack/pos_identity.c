/* Identity functions: the argument is counted by the caller, released by the callee, the result taken by the caller (plugin test identity.c). */
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
