/* calloc in a declaration, sizeof(struct S) form (plugin hrcmm.h rc_calloc). */
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(buf) {
	int len;
	char data[64];
};
REFTRACK_EPILOG(buf);


int zeroed(int n)
{
	struct buf *b = calloc(n, sizeof(struct buf));

	if (!b)
		return -1;
	b->len = n;
	free(b);
	return 0;
}
