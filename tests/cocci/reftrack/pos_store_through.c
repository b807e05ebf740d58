/* Stores through a pointer to a tracked pointer are counted; array elements are not (the plugin does not count arrays), a read from one into a counted pointer is. */
#include <stdio.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(cell) {
	int v;
};
REFTRACK_EPILOG(cell);

struct cell *slots[4];

void put(struct cell **pp, struct cell *c)
{
	*pp = c;
}

int take(int i)
{
	struct cell *c = slots[i];

	slots[i] = NULL;
	return c ? c->v : 0;
}

void fill(struct cell *c)
{
	int i;

	for (i = 0; i < 4; i++)
		slots[i] = c;
}
