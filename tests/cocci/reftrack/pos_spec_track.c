/* A plain struct named by a "track" spec line uses the generic
 * reftrack_addref/removeref (modelled on fs/nfsd/filecache.c's nfsd_file). */
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
