/* Two objects pointing at each other; the program breaks the cycle before freeing (plugin test cycle.c). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(obj) {
	int v;
	struct obj *peer;
};
REFTRACK_EPILOG(obj);


int make_cycle(void)
{
	struct obj *a;
	struct obj *b;

	a = malloc(sizeof(*a));
	b = malloc(sizeof(*b));
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	a->peer = b;
	b->peer = a;
	b->peer = NULL;
	free(a);
	free(b);
	return 0;
}
