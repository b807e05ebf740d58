/*
 * Modelled on structs defined twice under #ifdef/#else (Linux 6.1: debug
 * and non-debug layouts in drivers): spatch sees the first definition only.
 * Negative: converting one definition would break the other configuration.
 */
#ifndef OBJ_H
#define OBJ_H
#include <linux/atomic.h>

#ifdef CONFIG_OBJ_DEBUG
struct obj {
	atomic_t ref;
	unsigned long magic;
};
#else
struct obj {
	atomic_t ref;
};
#endif

#endif
