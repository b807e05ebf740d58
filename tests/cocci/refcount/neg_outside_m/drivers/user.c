/*
 * See ../core/obj.h.
 */
#include "../core/obj.h"

void user_hold(struct obj *o)
{
	atomic_inc(&o->ref);
}
