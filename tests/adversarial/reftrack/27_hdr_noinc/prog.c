#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>
#include "s.h"
int main(void) {
	struct S *a = malloc(sizeof(*a));
	struct S *b = a;
	printf("%d\n", REFTRACK_COUNT(b));
	return 0;
}
