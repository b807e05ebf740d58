/* Self-assignment stays correct: addref before removeref (plugin test simple.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int self_assign(struct obj *a)
{
	struct obj *p = a;

	p = p;
	a->peer = a->peer;
	return 0;
}
