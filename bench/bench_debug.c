// SPDX-License-Identifier: GPL-2.0
/* The loops of loops.h with REFTRACK_DEBUG and REF_DEBUG (see Makefile). */
#define LOOP(x) dbg_##x
#include "loops.h"
