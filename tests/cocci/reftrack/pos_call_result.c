/* A tracked pointer assigned from a call takes the returned reference: removeref the old value, addref after the call (plugin README return values). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


extern struct obj *lookup(int key);

int find(int key)
{
	struct obj *p;

	p = lookup(key);
	return p ? p->v : -1;
}
