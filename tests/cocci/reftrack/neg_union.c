/* A union holding a tracked pointer: which member is live is unknown, the type is kept. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


union slot {
	struct obj *o;
	long raw;
};

int peek(union slot *s)
{
	return s->o->v;
}
