/* Stores into a static pointer own a reference (plugin test simple.c, srp). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


static struct obj *current;

void set_current(struct obj *o)
{
	current = o;
}

void clear_current(void)
{
	current = NULL;
}
