/* A cast through void * makes an uncounted copy: the type is kept. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int stash(struct obj *a)
{
	void *v;

	v = (void *)a;
	return v != NULL;
}
