#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *x = malloc(sizeof(*x));
	struct S *a = x, *b = NULL;
	b = a;
	printf("%d\n", REFTRACK_COUNT(x));
	return 0;
}
