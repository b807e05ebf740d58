/* The tracked struct is declared in a header; the .c files only include it
 * (plugin tests multifile.h, multifile1.c, multifile2.c). */
#ifndef OBJ_H
#define OBJ_H
#include <refconv/reftrack.h>

REFTRACK_STRUCT(mobj) {
	int v;
	struct mobj *next;
};
REFTRACK_EPILOG(mobj);

struct holder {
	struct mobj *first;
};

int holder_add(struct holder *h, int v);
#endif
