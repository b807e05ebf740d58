/*
 * Modelled on get/put helper macros that take the member name as a
 * parameter (Linux 6.1: OBJ_GET(c, usage)-style helpers in drivers): the
 * field's name appears only as a macro argument.
 * Negative: the argument of a macro that puts its parameter after -> is an
 * occurrence nobody analysed; converting would break the macro's atomic_inc.
 */
#include <linux/atomic.h>
#include <linux/slab.h>

/* generic helpers shared by several objects: the field is a parameter */
#define OBJ_GET(obj, fld)	atomic_inc(&(obj)->fld)
#define OBJ_PUT(obj, fld, fn)				\
	do {						\
		if (atomic_dec_and_test(&(obj)->fld))	\
			fn(obj);			\
	} while (0)

struct bar_ctx {
	atomic_t usage;
	void *buf;
};

static void bar_free(struct bar_ctx *c)
{
	kfree(c->buf);
	kfree(c);
}

struct bar_ctx *bar_create(void)
{
	struct bar_ctx *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (!c)
		return NULL;
	atomic_set(&c->usage, 1);
	return c;
}

void bar_put(struct bar_ctx *c)
{
	if (atomic_dec_and_test(&c->usage))
		bar_free(c);
}

void bar_get_twice(struct bar_ctx *c)
{
	OBJ_GET(c, usage);
	OBJ_GET(c, usage);
}

void bar_put_fast(struct bar_ctx *c)
{
	OBJ_PUT(c, usage, bar_free);
}
