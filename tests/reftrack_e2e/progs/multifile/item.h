/* The tracked type lives in a header; two .c files use it. */
#ifndef ITEM_H
#define ITEM_H
#include <refconv/reftrack.h>

struct REFTRACK(item) item {
	int id;
	struct item *next;
};

typedef struct item item_t;

struct bag {
	item_t *first;
	int count;
};

void bag_add(struct bag *b, int id);
void bag_print(const struct bag *b);
void bag_clear(struct bag *b);
#endif
