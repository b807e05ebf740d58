#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
#define SET(x, y) do { (x) = (y); } while (0)
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct S *b = NULL;
	SET(b, a);
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
