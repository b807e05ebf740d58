/* Twin of pos_calloc on an untracked struct. */
#include <stdlib.h>

struct buf {
	int len;
	char data[64];
};


int zeroed(int n)
{
	struct buf *b = calloc(n, sizeof(struct buf));

	if (!b)
		return -1;
	b->len = n;
	free(b);
	return 0;
}
