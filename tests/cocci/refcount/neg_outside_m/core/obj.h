/*
 * Modelled on a subsystem core header whose counts drivers also touch
 * (Linux 6.1: include/ headers used by drivers/), run with M=core.
 * Negative: with -M core, converting the field would change
 * drivers/user.c, outside M; it stays atomic_t and says so.
 */
#ifndef OBJ_H
#define OBJ_H
#include <linux/atomic.h>

struct obj {
	atomic_t ref;
};

struct obj *obj_new(void);
void obj_put(struct obj *o);
#endif
