/* Twin of pos_multifile: the struct in the header is untracked. */
#ifndef OBJ_H
#define OBJ_H

struct mobj {
	int v;
	struct mobj *next;
};

struct holder {
	struct mobj *first;
};

int holder_add(struct holder *h, int v);
#endif
