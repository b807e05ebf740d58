/*
 * Modelled on include/linux/device.h (Linux 6.1): get and put are declared
 * in the header, the holder struct is defined after them.
 * Positive: DECLARE_REF goes after the later prototype; the .c file that
 * uses the field includes the header.
 */
#ifndef FOO_H
#define FOO_H

#include <linux/types.h>

struct foo {
	int refs;
	int id;
};

struct foo *foo_get(struct foo *f);
void foo_put(struct foo *f);

struct holder {
	struct foo *obj;
};

#endif
