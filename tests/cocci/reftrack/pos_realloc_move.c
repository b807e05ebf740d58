/* q = rc_realloc(p, n): the reference p held moves with the object, p follows it; p = rc_realloc(p, n) keeps its reference. */
#include <stdio.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(buf) {
	int len;
};
REFTRACK_EPILOG(buf);

int grow(void)
{
	struct buf *p = rc_malloc(sizeof(*p));
	struct buf *q = rc_realloc(p, 2 * sizeof(*p));

	if (!q)
		return -1;
	p = rc_realloc(p, 4 * sizeof(*p));
	return p ? p->len : 0;
}
