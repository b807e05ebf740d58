#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
static int find(struct S *g) {
	for (int i = 0; i < 3; i++)
		for (int j = 0; j < 3; j++) {
			struct S *t = g;
			if (i == 1 && j == 1)
				return REFTRACK_COUNT(t);
		}
	return -1;
}
int main(void) {
	struct S *a = malloc(sizeof(*a));
	printf("%d\n", find(a));
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
