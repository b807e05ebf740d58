/* A local pointer to const struct: its guard builds without a warning. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	const struct S *c = a;
	printf("%d\n", REFTRACK_COUNT(a));
	printf("%d\n", c->v);
	return 0;
}
