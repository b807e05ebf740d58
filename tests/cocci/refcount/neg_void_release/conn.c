/*
 * Modelled on puts whose result is thrown away with a cast, (void)
 * atomic_dec_and_test(...): (void) does not silence __must_check.
 * Negative: the ignored result keeps the field.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/bug.h>

struct conn {
	atomic_t refcnt;
	void *rx_buf;
};

struct conn *conn_new(void)
{
	struct conn *c = kzalloc(sizeof(*c), GFP_KERNEL);

	if (c)
		atomic_set(&c->refcnt, 1);
	return c;
}

void conn_get(struct conn *c)
{
	atomic_inc(&c->refcnt);
}

void conn_put(struct conn *c)
{
	if (atomic_dec_and_test(&c->refcnt)) {
		kfree(c->rx_buf);
		kfree(c);
	}
}

/* the caller still holds a reference, so this can never be the last one */
void conn_drop_extra(struct conn *c)
{
	(void)atomic_dec_and_test(&c->refcnt);
}
