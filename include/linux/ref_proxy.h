/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ref_proxy: weak references to a resource that its provider may revoke at
 * any time (a hot-unpluggable device's state, say), on SRCU.
 *
 * The provider wraps the resource in a struct ref_proxy_provider; consumers
 * hold a struct ref_proxy each. An access runs between ref_proxy_get() and
 * ref_proxy_put() and is an SRCU read-side section; ref_proxy_provider_free()
 * revokes the resource and waits for the accesses in flight, after which the
 * provider may free it.
 *
 * The SRCU index of an access lives in a struct ref_proxy_access that the
 * caller provides (normally on its stack), never in the shared consumer: any
 * number of threads may use one struct ref_proxy at the same time.
 */
#ifndef _LINUX_REFCONV_REF_PROXY_H
#define _LINUX_REFCONV_REF_PROXY_H

#include <linux/compiler.h>

struct device;
struct ref_proxy;
struct ref_proxy_provider;

/**
 * struct ref_proxy_access - state of one access, owned by its caller
 * @rpp: provider while the access is open, NULL otherwise
 * @idx: SRCU read-side index of the access
 */
struct ref_proxy_access {
	struct ref_proxy_provider *rpp;
	int idx;
};

/**
 * REF_PROXY_ACCESS_INIT - initializer of an idle struct ref_proxy_access
 *
 * An idle handle may be passed to ref_proxy_access_cleanup(), which then does
 * nothing, or to ref_proxy_get().
 */
#define REF_PROXY_ACCESS_INIT	{ .rpp = NULL }

struct ref_proxy_provider *ref_proxy_provider_alloc(void *res);
struct ref_proxy_provider *devm_ref_proxy_provider_alloc(struct device *dev,
							 void *res);
void ref_proxy_provider_free(struct ref_proxy_provider *rpp);
struct ref_proxy *ref_proxy_alloc(struct ref_proxy_provider *rpp);
void ref_proxy_free(struct ref_proxy *proxy);
void *ref_proxy_get(struct ref_proxy *proxy, struct ref_proxy_access *acc);
void ref_proxy_put(struct ref_proxy_access *acc);

/**
 * ref_proxy_access_cleanup() - close an access if it is still open
 * @acc: access handle, open or idle (REF_PROXY_ACCESS_INIT, or already put)
 *
 * The cleanup-attribute handler of REF_PROXY_GET(); usable directly as well,
 * e.g. on the error path of code that may or may not have opened @acc.
 * Calling it again on the same handle does nothing.
 */
static inline void ref_proxy_access_cleanup(struct ref_proxy_access *acc)
{
	if (acc->rpp)
		ref_proxy_put(acc);
}

#define __REF_PROXY_GET(proxy, ptr, acc, done)				\
	for (struct ref_proxy_access acc				\
		__attribute__((__cleanup__(ref_proxy_access_cleanup))) =\
		REF_PROXY_ACCESS_INIT,					\
	     *done = ((ptr) = ref_proxy_get(proxy, &acc), NULL);		\
	     !done; done = &acc)

/**
 * REF_PROXY_GET() - run the following block inside one access
 * @proxy: struct ref_proxy of the consumer
 * @ptr: lvalue that receives the resource, NULL when revoked
 *
 * The access is closed on every exit from the block (end, break, continue,
 * return, goto) by the cleanup attribute. The block is the body of a hidden
 * one-pass loop: break and continue inside it leave the block, not an
 * enclosing loop. Usage::
 *
 *	REF_PROXY_GET(proxy, dev) {
 *		if (!dev)
 *			return -ENODEV;
 *		...
 *	}
 */
#define REF_PROXY_GET(proxy, ptr)					\
	__REF_PROXY_GET(proxy, ptr, __UNIQUE_ID(ref_proxy_acc),		\
			__UNIQUE_ID(ref_proxy_done))

#endif /* _LINUX_REFCONV_REF_PROXY_H */
