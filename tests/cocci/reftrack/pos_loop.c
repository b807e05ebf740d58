/* A cursor walking a chain: the old value is released after the store (plugin test loop.c). */
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
	struct obj *p = head;
	int n = 0;

	while (p) {
		n++;
		p = p->peer;
	}
	return n;
}
