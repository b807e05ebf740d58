/*
 * Modelled on helpers that take an atomic_t * (Linux 6.1: atomic counters
 * passed to wait_var_event()-like helpers in drivers) used from a file that
 * never spells atomic_: the prefilter drops user.c.
 * Negative: the audit finds ->ref in user.c, which sees obj.h, collects it,
 * and its &lookup()->ref passed to obj_wait_zero() keeps the field.
 */
#ifndef OBJ_H
#define OBJ_H
#include <linux/atomic.h>

struct obj {
	atomic_t ref;
	int id;
};

struct obj *obj_new(void);
void obj_get(struct obj *o);
void obj_put(struct obj *o);

static inline void obj_wait_zero(atomic_t *r)
{
	while (atomic_read(r))
		cpu_relax();
}
#endif
