#include "s.h"
static int peek(struct S *p) { return REFTRACK_COUNT(p); }
int main(void) {
	struct S *a = malloc(sizeof(*a));
	printf("%d %d\n", peek(a), other(a));
	printf("%d\n", REFTRACK_COUNT(a));
	return 0;
}
