#include <stdio.h>
#include <stdlib.h>
#include <stdarg.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
static int vf(struct S *p, int n, ...) {
	va_list ap; va_start(ap, n); int r = REFTRACK_COUNT(p) + va_arg(ap, int) * 0; va_end(ap); return r;
}
int main(void) {
	struct S *a = malloc(sizeof(*a));
	printf("%d\n", vf(a, 1, 0));
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
