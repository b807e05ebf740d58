#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
typedef struct S *S_ptr;
int main(void) {
	S_ptr a = malloc(sizeof(*a));
	S_ptr b = a;
	printf("%d\n", REFTRACK_COUNT(a));
	(void)b;
	return 0;
}
