/* Twin of pos_spec_track without the spec line: the struct is untracked. */
#include <stdlib.h>
#include <refconv/reftrack.h>

struct file_rec {
	int fd;
	struct file_rec *next;
};

struct cache {
	struct file_rec *head;
};

int cache_add(struct cache *c, int fd)
{
	struct file_rec *f;

	f = malloc(sizeof(struct file_rec));
	if (!f)
		return -1;
	f->fd = fd;
	f->next = c->head;
	c->head = f;
	return 0;
}
