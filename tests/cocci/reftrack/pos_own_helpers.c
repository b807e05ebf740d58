/* A function that calls the helpers itself is instrumented like any other, as the plugin does: its own addref/removeref stay. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int done(void)
{
	struct obj *p = rc_calloc(1, sizeof(*p));

	obj_addref(p);
	if (!p)
		return -1;
	obj_removeref(p);
	return 0;
}
