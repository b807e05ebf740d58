#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
struct W { struct S *p; };
static struct W wrap(struct S *p) { struct W w; w.p = p; return w; }
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct W w = wrap(a);
	printf("%d\n", REFTRACK_COUNT(w.p));
	return 0;
}
