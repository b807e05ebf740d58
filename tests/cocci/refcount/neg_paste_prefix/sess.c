/*
 * Modelled on session fields reached through token pasting with a prefix
 * (#define SESS_FIELD(s, name) ((s)->sess_##name), as in drivers' accessor
 * macros): the name sess_ref never appears after ->.
 * Negative: a paste that can make the name keeps the field.
 */
#include <linux/atomic.h>
#include <linux/slab.h>

struct sess {
	atomic_t sess_ref;
	int sess_id;
	void *sess_priv;
};

/* accessor: SESS_FIELD(s, id) is s->sess_id */
#define SESS_FIELD(s, name)	((s)->sess_##name)

struct sess *sess_new(int id)
{
	struct sess *s = kzalloc(sizeof(*s), GFP_KERNEL);

	if (!s)
		return NULL;
	atomic_set(&s->sess_ref, 1);
	SESS_FIELD(s, id) = id;
	return s;
}

void sess_hold(struct sess *s)
{
	atomic_inc(&SESS_FIELD(s, ref));
}

void sess_put(struct sess *s)
{
	if (atomic_dec_and_test(&s->sess_ref)) {
		kfree(s->sess_priv);
		kfree(s);
	}
}
