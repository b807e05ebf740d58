/* Simple assignment p = q between tracked locals and a field (plugin test simple.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


void swap_peer(struct obj *a, struct obj *b)
{
	struct obj *p;

	p = a;
	p->peer = b;
	p = b;
	p->peer = a;
}
