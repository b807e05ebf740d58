#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
static int depth(struct S *p, int n) {
	if (n == 0)
		return REFTRACK_COUNT(p);
	return depth(p, n - 1);
}
int main(void) {
	struct S *a = malloc(sizeof(*a));
	printf("%d\n", depth(a, 3));
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
