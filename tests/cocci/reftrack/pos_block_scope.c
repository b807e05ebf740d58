/* A tracked local of an inner block is released on every way out of it (plugin test block_test.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int blocky(struct obj *a)
{
	int n = 0;

	if (a) {
		struct obj *p = a->peer;

		if (p)
			n = p->v;
	}
	return n;
}
