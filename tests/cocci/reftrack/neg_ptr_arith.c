/* Pointer arithmetic on a tracked pointer: the type is kept. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int second(struct obj *a)
{
	struct obj *p = a;

	p++;
	return p->v;
}
