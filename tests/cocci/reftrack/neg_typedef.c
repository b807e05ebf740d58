/* Twin of pos_typedef on an untracked struct. */
#include <stdlib.h>

struct rec {
	int id;
};

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
