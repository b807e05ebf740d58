/* Locals of inner blocks and loop bodies are released on every way out: break, continue, goto, return, the end of the block. */
#include <stdio.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(item) {
	int v;
};
REFTRACK_EPILOG(item);
REFTRACK_DEF_CTOR(item);

int scan(int n)
{
	int i, sum = 0;

	for (i = 0; i < n; i++) {
		struct item *it = item_create();

		if (!it)
			goto out;
		it->v = i;
		if (i == 1)
			continue;
		if (i == 5)
			break;
		{
			struct item *alias = it;

			sum += alias->v;
		}
	}
out:
	return sum;
}
