/* Assignments inside expressions (loop headers, conditions, chains) become S_assign(): addref the new value, removeref the old, store. */
#include <stdio.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(link) {
	int v;
	struct link *next;
};
REFTRACK_EPILOG(link);

int walk(struct link *head)
{
	struct link *p, *q;
	int n = 0;

	for (p = head; p; p = p->next)
		n += p->v;
	q = p = head;
	while ((q = q->next))
		n++;
	return n;
}
