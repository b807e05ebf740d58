/* A node with five tracked links: freeing it releases the reference each
 * link holds, all five (plugin test tree.c, with more links than a tree). */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(node) {
	int key;
	struct node *parent;
	struct node *left;
	struct node *right;
	struct node *next;
	struct node *prev;
};
REFTRACK_EPILOG(node);


int link_nodes(void)
{
	struct node *a;
	struct node *b;

	a = malloc(sizeof(*a));
	b = malloc(sizeof(*b));
	if (!a || !b) {
		free(a);
		free(b);
		return -1;
	}
	a->left = b;
	a->right = b;
	a->next = b;
	a->prev = b;
	b->parent = a;
	b->parent = NULL;
	free(a);
	free(b);
	return 0;
}
