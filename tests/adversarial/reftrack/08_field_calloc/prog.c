#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = calloc(1, sizeof(*a));
	struct S *b = calloc(1, sizeof(*b));
	a->next = b;
	printf("%d %d\n", REFTRACK_COUNT(a), REFTRACK_COUNT(b));
	free(a);
	printf("%d\n", REFTRACK_COUNT(b));
	return 0;
}
