/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _FOO_H
#define _FOO_H
#include <linux/atomic.h>

struct foo_port {
	atomic_t ref;
	int nr;
};

struct foo_port *foo_port_new(int nr);
void foo_port_put(struct foo_port *p);
#endif
