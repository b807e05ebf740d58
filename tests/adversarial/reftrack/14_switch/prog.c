#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
REFTRACK_STRUCT(S) { int v; struct S *next; };
REFTRACK_EPILOG(S)
int main(int argc, char **argv) {
	struct S *a = malloc(sizeof(*a));
	(void)argv;
	switch (argc) {
	case 1: {
		struct S *t = a;
		printf("%d\n", REFTRACK_COUNT(t));
		break;
	}
	default:
		break;
	}
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
