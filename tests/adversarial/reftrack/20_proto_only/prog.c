#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int ext(struct S *p);
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct S *b = a;
	if (0) ext(b);
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
