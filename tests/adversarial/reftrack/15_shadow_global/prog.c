#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
struct S *g;
int main(void) {
	struct S *a = malloc(sizeof(*a));
	g = a;
	{
		struct S *g = a;
		printf("%d\n", REFTRACK_COUNT(g));
	}
	printf("%d\n", REFTRACK_COUNT(a));
	g = NULL;
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
