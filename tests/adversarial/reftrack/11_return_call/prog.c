#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
static struct S *make(void) { struct S *p = malloc(sizeof(*p)); p->next = NULL; return p; }
int main(void) {
	struct S *a = NULL;
	a = make();
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
