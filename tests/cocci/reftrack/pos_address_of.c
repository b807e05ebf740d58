/* Stores through the address of a tracked pointer are counted: *pp = o is an assignment like any other (plugin test simple.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


static void set(struct obj **pp, struct obj *o)
{
	*pp = o;
}

int indirect(struct obj *a)
{
	struct obj *p = NULL;

	set(&p, a);
	return p != NULL;
}
