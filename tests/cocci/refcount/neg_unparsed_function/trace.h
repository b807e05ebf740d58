/*
 * See main.c.
 */
#ifndef TRACE_H
#define TRACE_H
#include <linux/jiffies.h>

#define OBJ_TRACE(name) unsigned long name = jiffies;

#endif
