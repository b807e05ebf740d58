/*
 * Modelled on drivers that include a sibling directory's header as <foo.h>
 * through ccflags-y += -I (Linux 6.1: drivers/net/ethernet and
 * drivers/gpu): the include index resolves it by its tail.
 * Positive: bar.c's use is seen and converted with the field.
 */
#include <linux/kernel.h>
#include <foo.h>	/* ccflags-y += -I$(srctree)/drivers/foo */

struct foo_port *bar_grab_port(struct foo_port *p)
{
	atomic_inc(&p->ref);
	return p;
}
