/* Twin of pos_realloc on an untracked struct. */
#include <stdlib.h>

struct buf {
	int len;
	char data[64];
};


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
