#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
static int f(struct S *g, int fail) {
	struct S *t = g;
	struct S *u = NULL;
	if (fail)
		goto err;
	u = g;
	return REFTRACK_COUNT(g);
err:
	(void)t; (void)u;
	return -REFTRACK_COUNT(g);
}
int main(void) {
	struct S *a = malloc(sizeof(*a));
	printf("%d %d\n", f(a, 0), f(a, 1));
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
