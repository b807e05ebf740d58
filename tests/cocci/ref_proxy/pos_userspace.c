/*
 * Modelled on drivers/usb/usb-skeleton.c (Linux 6.1) as a userspace
 * program: a session holds a pointer to a device that a hot-plug thread may
 * take away; the session is freed with free().
 * Positive: userspace conversion against include/refconv/ref_proxy.h, the
 * header is added after the last system include, free() of the holder
 * frees both handles.
 */
#include <errno.h>
#include <stdlib.h>

struct device {
	int fd;
	int nr_reads;
};

struct session {
	struct device *dev;
	int opened;
};

int session_open(struct session *s, struct device *dev)
{
	s->dev = dev;
	s->opened = 1;
	return 0;
}

int session_read(struct session *s)
{
	s->dev->nr_reads++;
	return s->dev->fd;
}

void session_unplug(struct session *s)
{
	s->dev = NULL;
}

void session_free(struct session *s)
{
	free(s);
}
