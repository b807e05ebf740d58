/*
 * The definitions of lmm.h's globals, in a file of their own: spatch,
 * given a.c, sees only their declarations in lmm.h, which it does not read.
 * Nothing to convert here.
 */
#include <linux/export.h>
#include <linux/module.h>
#include "lmm.h"

struct lmm glob_lmm;
EXPORT_SYMBOL(glob_lmm);
struct lother other_glob;
EXPORT_SYMBOL(other_glob);

MODULE_LICENSE("GPL");
