/* A local declared with a value, then set to NULL: the store releases it (a
 * declaration "T x;" in SmPL also matches "T x = a;"). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct S *b = a;
	printf("%d\n", REFTRACK_COUNT(a));
	b = NULL;
	printf("%d\n", REFTRACK_COUNT(a));
	(void)b;
	return 0;
}
