#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	const struct S *c = a;
	struct S *const k = a;
	printf("%d\n", REFTRACK_COUNT(a));
	(void)c; (void)k;
	return 0;
}
