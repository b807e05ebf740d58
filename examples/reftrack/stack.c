/* reftrack example: a stack of tracked nodes. "make coccicheck
 * COCCI=cocci/reftrack.cocci MODE=patch" shows its conversion. */
#include <stdio.h>
#include <stdlib.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(node) {
	int v;
	struct node *next;
};
REFTRACK_EPILOG(node);

struct list {
	struct node *head;
};

static void push(struct list *l, int v)
{
	struct node *n;

	n = malloc(sizeof(*n));
	if (!n)
		return;
	n->v = v;
	n->next = l->head;
	l->head = n;
}

static int sum(struct list *l)
{
	struct node *p = l->head;
	int s = 0;

	while (p) {
		s += p->v;
		p = p->next;
	}
	return s;
}

static void pop(struct list *l)
{
	struct node *n = l->head;

	l->head = n->next;
	free(n);
}

int main(void)
{
	struct list l = { NULL };

	push(&l, 1);
	push(&l, 2);
	printf("%d\n", sum(&l));
	pop(&l);
	pop(&l);
	return 0;
}
