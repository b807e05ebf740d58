/* A tracked pointer passed to a function outside the run is lent: no reference is passed, the callee is not converted to release one. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


extern void keep_somewhere(struct obj *o);

void hand_over(struct obj *a)
{
	struct obj *p = a;

	keep_somewhere(p);
}
