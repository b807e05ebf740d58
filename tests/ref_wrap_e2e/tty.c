// SPDX-License-Identifier: GPL-2.0-only
/*
 * Modelled on drivers/tty/tty_jobctrl.c (Linux 6.1), in userspace: the
 * tty's session and process group are members of an anonymous struct,
 * dropped and retaken with "put_pid(x); x = get_pid(y);".
 */
#include <stdio.h>
#include <stdlib.h>

struct pid {
	int refs;
	int nr;
};

static struct pid *alloc_pid(int nr)
{
	struct pid *p = calloc(1, sizeof(*p));

	if (!p)
		exit(1);
	p->refs = 1;
	p->nr = nr;
	return p;
}

struct pid *get_pid(struct pid *p)
{
	if (p)
		p->refs++;
	return p;
}

void put_pid(struct pid *p)
{
	if (p && --p->refs == 0) {
		printf("free pid %d\n", p->nr);
		free(p);
	}
}

struct tty {
	int index;
	struct {
		int lock;
		struct pid *pgrp;
		struct pid *session;
	} ctrl;
};

static void set_ctty(struct tty *tty, struct pid *pgrp, struct pid *session)
{
	put_pid(tty->ctrl.session);
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.pgrp = get_pid(pgrp);
	tty->ctrl.session = get_pid(session);
}

static void set_pgrp(struct tty *tty, struct pid *pgrp)
{
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.pgrp = get_pid(pgrp);
}

static void show(struct tty *tty)
{
	printf("tty%d: pgrp %d session %d\n", tty->index,
	       tty->ctrl.pgrp ? tty->ctrl.pgrp->nr : 0,
	       tty->ctrl.session ? tty->ctrl.session->nr : 0);
}

static void hangup(struct tty *tty)
{
	put_pid(tty->ctrl.session);
	put_pid(tty->ctrl.pgrp);
	tty->ctrl.session = NULL;
	tty->ctrl.pgrp = NULL;
}

int main(void)
{
	struct tty *tty = calloc(1, sizeof(*tty));
	struct pid *a = alloc_pid(100), *b = alloc_pid(200), *s = alloc_pid(1);

	if (!tty)
		return 1;
	tty->index = 3;
	set_ctty(tty, a, s);		/* into an empty tty */
	show(tty);
	set_ctty(tty, b, s);		/* steals it: both replaced */
	show(tty);
	set_pgrp(tty, b);		/* the same object again */
	set_pgrp(tty, a);
	show(tty);
	put_pid(a);
	put_pid(b);			/* only the tty held b: freed here */
	put_pid(s);
	hangup(tty);
	show(tty);
	free(tty);
	return 0;
}
