#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(int argc, char **argv) {
	struct S *a = malloc(sizeof(*a));
	struct S *b = malloc(sizeof(*b));
	struct S *c = NULL;
	(void)argv;
	c = argc > 5 ? b : a;
	printf("%d %d\n", REFTRACK_COUNT(a), REFTRACK_COUNT(b));
	return 0;
}
