#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	a->next = NULL;
	a->v = 3;
	printf("%d\n", REFTRACK_COUNT(a));
	free(a);
	return 0;
}
