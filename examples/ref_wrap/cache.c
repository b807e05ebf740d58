// SPDX-License-Identifier: GPL-2.0-only
/*
 * A userspace model of seed 001's struct ref use: a cache keeps a
 * reference on the object it last looked up, taken with obj_get() and
 * dropped with obj_put(). "make coccicheck COCCI=cocci/ref_wrap.cocci
 * MODE=patch" turns the field into a struct obj_ref (examples/refconv.spec);
 * tests/ref_wrap_e2e/run.sh converts it and runs it with REF_DEBUG.
 */
#include <stdio.h>
#include <stdlib.h>

struct obj {
	int refs;
	int id;
};

static struct obj *obj_new(int id)
{
	struct obj *o = calloc(1, sizeof(*o));

	if (!o)
		exit(1);
	o->refs = 1;
	o->id = id;
	return o;
}

void obj_get(struct obj *o)
{
	o->refs++;
}

void obj_put(struct obj *o)
{
	if (--o->refs == 0)
		free(o);
}

struct cache {
	struct obj *cur;
	int hits;
};

static void cache_set(struct cache *c, struct obj *o)
{
	c->cur = o;
	obj_get(o);
}

static void cache_drop(struct cache *c)
{
	obj_put(c->cur);
	c->cur = NULL;
}

static int cache_id(struct cache *c)
{
	c->hits++;
	return c->cur ? c->cur->id : -1;
}

int main(void)
{
	struct cache c = { 0 };
	struct obj *a = obj_new(1), *b = obj_new(2);
	int id;

	cache_set(&c, a);
	printf("id %d\n", cache_id(&c));
	cache_drop(&c);
	cache_set(&c, b);
	printf("id %d\n", cache_id(&c));
	cache_drop(&c);
	id = cache_id(&c);
	printf("id %d hits %d\n", id, c.hits);
	obj_put(a);
	obj_put(b);
	return 0;
}
