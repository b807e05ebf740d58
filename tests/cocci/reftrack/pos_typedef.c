/* A typedef name of a tracked struct is tracked too; sizeof(T) form
 * (plugin test simple.c, typedef struct REFTRACK ... R). */
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(rec) {
	int id;
};
REFTRACK_EPILOG(rec);

typedef struct rec rec_t;

int fresh(int id)
{
	rec_t *r = malloc(sizeof(rec_t));

	if (!r)
		return -1;
	r->id = id;
	free(r);
	return 0;
}
