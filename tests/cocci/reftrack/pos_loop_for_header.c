/* Assignments in a for header become S_assign(), the plugin assignment as an expression (plugin test loop.c). */
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
