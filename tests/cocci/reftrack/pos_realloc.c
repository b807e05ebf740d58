/* realloc of the same pointer keeps its reference (plugin hrcmm.h rc_realloc). */
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(buf) {
	int len;
	char data[64];
};
REFTRACK_EPILOG(buf);


int grow(void)
{
	struct buf *b;

	b = malloc(sizeof(*b));
	if (!b)
		return -1;
	b = realloc(b, 2 * sizeof(*b));
	free(b);
	return 0;
}
