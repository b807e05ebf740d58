/* Items are linked through a typedef'd pointer declared in item.h. */
#include <stdio.h>
#include <stdlib.h>
#include "item.h"

void bag_add(struct bag *b, int id)
{
	item_t *it;

	it = calloc(1, sizeof(item_t));
	if (!it)
		return;
	it->id = id;
	it->next = b->first;
	b->first = it;
	b->count++;
}

void bag_print(const struct bag *b)
{
	item_t *it = b->first;

	while (it) {
		printf("item %d\n", it->id);
		it = it->next;
	}
}

void bag_clear(struct bag *b)
{
	item_t *it;

	while (b->first) {
		it = b->first;
		b->first = it->next;
		free(it);
	}
	b->count = 0;
}
