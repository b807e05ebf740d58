/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The reftrack plugin's hrcmm.h API on refconv's runtime: what
 * cocci/reftrack.cocci includes in place of "hrcmm.h". The same as
 * <refconv/reftrack.h>, except that REFTRACK is the plugin's object-like
 * attribute macro ("struct REFTRACK S { ... };", "typedef struct REFTRACK
 * { ... } T;"), not refconv's REFTRACK(S).
 */
#ifndef REFCONV_HRCMM_H
#define REFCONV_HRCMM_H

#ifdef REFTRACK_PLUGIN
#define REFTRACK __attribute__((__reftrack__()))
#else
#define REFTRACK
#endif

#include <refconv/reftrack.h>

#endif /* REFCONV_HRCMM_H */
