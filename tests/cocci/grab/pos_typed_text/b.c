/*
 * The definitions of lmm.h's globals, in a file of their own: spatch,
 * given a.c, sees only their declarations in lmm.h, which it does not read.
 * Nothing to convert here.
 */
#include <linux/export.h>
#include <linux/module.h>
#include "lmm.h"

struct lmm init_lmm;
EXPORT_SYMBOL(init_lmm);
struct ltask *lcurrent_task;
EXPORT_SYMBOL(lcurrent_task);

MODULE_LICENSE("GPL");
