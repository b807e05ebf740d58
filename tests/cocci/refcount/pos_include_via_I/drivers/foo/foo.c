// SPDX-License-Identifier: GPL-2.0
#include <linux/slab.h>
#include "foo.h"

struct foo_port *foo_port_new(int nr)
{
	struct foo_port *p = kzalloc(sizeof(*p), GFP_KERNEL);

	if (p) {
		p->nr = nr;
		atomic_set(&p->ref, 1);
	}
	return p;
}

void foo_port_put(struct foo_port *p)
{
	if (atomic_dec_and_test(&p->ref))
		kfree(p);
}
