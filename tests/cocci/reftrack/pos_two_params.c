/* Two tracked parameters stored into each other's field, then unlinked (plugin test complex.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


void link_both(struct obj *a, struct obj *b)
{
	a->peer = b;
	b->peer = a;
	a->peer = NULL;
	b->peer = NULL;
}
