/* A binary search tree of tracked nodes: iterative insert, recursive walk
 * and a recursive free through a parameter. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(tnode) {
	int key;
	struct tnode *left;
	struct tnode *right;
};
REFTRACK_EPILOG(tnode);

struct tree {
	struct tnode *root;
	int size;
};

static int insert(struct tree *t, int key)
{
	struct tnode *n;
	struct tnode *cur;

	n = malloc(sizeof(*n));
	if (!n)
		return -1;
	n->key = key;
	n->left = NULL;
	n->right = NULL;
	t->size++;
	if (!t->root) {
		t->root = n;
		return 0;
	}
	cur = t->root;
	while (cur) {
		if (key < cur->key) {
			if (!cur->left) {
				cur->left = n;
				return 0;
			}
			cur = cur->left;
		} else {
			if (!cur->right) {
				cur->right = n;
				return 0;
			}
			cur = cur->right;
		}
	}
	return 0;
}

static void walk(struct tnode *n)
{
	if (!n)
		return;
	walk(n->left);
	printf("%d ", n->key);
	walk(n->right);
}

static void destroy(struct tnode *n)
{
	if (!n)
		return;
	destroy(n->left);
	destroy(n->right);
	free(n);
}

int main(void)
{
	struct tree t = { NULL, 0 };
	int keys[] = { 50, 30, 70, 20, 40, 60, 80, 35 };
	unsigned int i;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (insert(&t, keys[i]))
			return 1;
	walk(t.root);
	printf("\nsize %d\n", t.size);
	destroy(t.root);
	t.root = NULL;
	return 0;
}
