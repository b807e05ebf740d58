#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct S *b, *c;
	b = c = a;
	printf("%d\n", REFTRACK_COUNT(a));
	(void)b; (void)c;
	return 0;
}
