#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
static int peek(struct S *p) { return REFTRACK_COUNT(p); }
int main(void) {
	int (*fp)(struct S *) = peek;
	struct S *a = malloc(sizeof(*a));
	printf("%d\n", fp(a));
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
