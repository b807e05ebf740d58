/*
 * Modelled on helper headers in include/linux that expect their users to
 * include the struct's header first: the macros' ->ref belongs to
 * struct gobj wherever they expand.
 * Positive: the macro bodies convert with the field.
 */
#include <linux/slab.h>
#include <linux/gobj.h>
#include <linux/gobj_util.h>

struct gobj *gobj_alloc(void)
{
	struct gobj *g = kzalloc(sizeof(*g), GFP_KERNEL);

	if (g)
		atomic_set(&g->ref, 1);
	return g;
}

void gobj_put(struct gobj *g)
{
	if (atomic_dec_and_test(&g->ref))
		kfree(g);
}

struct gobj *gobj_dup(struct gobj *g)
{
	return gobj_hold(g);
}
