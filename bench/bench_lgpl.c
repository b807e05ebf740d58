// SPDX-License-Identifier: GPL-2.0
/* liburcu's read lock inlined, as LGPL-compatible code may use it. */
#define _LGPL_SOURCE
#define RCU_LOOP lgpl_rcu_read_lock_unlock
#include "rcu_loop.h"
