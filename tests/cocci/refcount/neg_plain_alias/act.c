/*
 * Modelled on legacy names kept as object-like macros (Linux 6.1:
 * include/net/act_api.h's tcf_* aliases, here without a member path):
 * #define act_users act_refcnt, then atomic_inc(&a->act_users).
 * Negative: an occurrence of the alias is an occurrence of the field.
 */
#include <linux/slab.h>
#include "act.h"

struct tc_act *tc_act_new(u32 index)
{
	struct tc_act *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (!a)
		return NULL;
	a->index = index;
	atomic_set(&a->act_refcnt, 1);
	return a;
}

void tc_act_put(struct tc_act *a)
{
	if (atomic_dec_and_test(&a->act_refcnt)) {
		kfree(a->params);
		kfree(a);
	}
}
