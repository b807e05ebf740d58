/* A local struct that holds tracked pointers, directly or in a struct member, releases them when it goes out of scope; static ones never do. */
#include <string.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(res) {
	int v;
};
REFTRACK_EPILOG(res);
REFTRACK_DEF_CTOR(res);

struct pair {
	struct res *first;
	struct res *second;
};

struct holder {
	struct pair p;
	int n;
};

int use(void)
{
	static struct pair keep;
	struct holder h;

	memset(&h, 0, sizeof(h));
	h.p.first = res_create();
	keep.second = h.p.first;
	return h.p.first ? h.p.first->v : 0;
}
