// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include "act.h"

void legacy_act_bind(struct tc_act *a)
{
	atomic_inc(&a->act_users);
}

int legacy_act_shared(struct tc_act *a)
{
	return atomic_read(&a->act_users) > 1;
}
