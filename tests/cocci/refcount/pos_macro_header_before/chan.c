/*
 * Modelled on driver-wide helper headers included before the structs they
 * serve are defined (obj_hold()/obj_shared() macros over a common member
 * name): the macro bodies expand after the definition.
 * Positive: the macros' uses belong to struct chan, and convert with it.
 */
#include <linux/slab.h>
#include "objhelp.h"

struct chan {
	atomic_t refs;
	int nr;
};

static struct chan *chan_new(int nr)
{
	struct chan *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	c->nr = nr;
	atomic_set(&c->refs, 1);
	return c;
}

static void chan_put(struct chan *c)
{
	if (atomic_dec_and_test(&c->refs))
		kfree(c);
}

struct chan *chan_lookup(struct chan **tbl, int nr)
{
	struct chan *c = tbl[nr];

	if (c)
		obj_hold(c);
	return c;
}

void chan_drop(struct chan *c)
{
	chan_put(c);
}

struct chan *chan_alloc(int nr)
{
	return chan_new(nr);
}
