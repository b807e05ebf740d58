/* Assignments in a for header have no statement for the addref: the type is kept and reported (plugin test loop.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int count(struct obj *head)
{
	struct obj *p;
	int n = 0;

	for (p = head; p; p = p->peer)
		n++;
	return n;
}
