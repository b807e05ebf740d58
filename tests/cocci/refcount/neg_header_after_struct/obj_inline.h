/*
 * See main.c: no includes, struct obj comes from the includer.
 */
static inline void obj_drop(struct obj *o)
{
	atomic_dec(&o->ref);
}
