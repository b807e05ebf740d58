/* The plugin's call model: the caller addrefs each counted argument, the callee releases its parameters on every return, a returned pointer is taken by the caller's variable. */
#include <stdio.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(node) {
	int v;
};
REFTRACK_EPILOG(node);
REFTRACK_DEF_CTOR(node);

struct node *pick(struct node *a, int which, struct node *b)
{
	if (which)
		return a;
	printf("%d\n", REFTRACK_COUNT(b));
	return b;
}

struct node *same(struct node *n)
{
	return n;
}

int main(void)
{
	struct node *x = node_create();
	struct node *y = node_create();
	struct node *r;

	r = pick(x, 1, y);
	r = same(same(r));
	(void)same(y);
	printf("%d %d\n", REFTRACK_COUNT(x), REFTRACK_COUNT(r));
	return 0;
}
