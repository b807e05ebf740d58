/* c = realloc(b, ...): the reference b held moves with the object, b follows it when the call succeeds. */
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
	struct buf *c;

	b = malloc(sizeof(*b));
	c = realloc(b, 2 * sizeof(*b));
	if (!c) {
		free(b);
		return -1;
	}
	free(c);
	return 0;
}
