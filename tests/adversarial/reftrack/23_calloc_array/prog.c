#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(void) {
	struct S **arr = calloc(3, sizeof(*arr));
	struct S *a = malloc(sizeof(*a));
	arr[0] = a;
	printf("%d\n", REFTRACK_COUNT(a));
	free(arr);
	return 0;
}
