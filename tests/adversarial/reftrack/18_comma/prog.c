#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct S *b = NULL;
	int k;
	k = (b = a, REFTRACK_COUNT(a));
	printf("%d %d\n", k, REFTRACK_COUNT(a));
	return 0;
}
