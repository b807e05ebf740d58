/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ref_proxy: weak references to a resource that its provider may revoke at
 * any time (a hot-unplugged device's state, say), the target of
 * cocci/ref_proxy.cocci. Userspace implementation on liburcu (urcu-memb).
 *
 * Unlike the seed's design, no per-access state lives in the shared
 * struct ref_proxy: every access uses a struct ref_proxy_access that the
 * caller provides (normally on its own stack, as REF_PROXY_GET() does), so
 * any number of threads may use one struct ref_proxy at the same time.
 *
 *	void *res;
 *
 *	REF_PROXY_GET(proxy, res) {
 *		if (!res)
 *			return -ENODEV;		// revoked; put happens anyway
 *		use(res);
 *	}
 *
 * Reader threads are registered with liburcu on their first access and
 * unregistered when they exit. An access must not call
 * ref_proxy_provider_free() (it would wait for itself).
 */
#ifndef REFCONV_REF_PROXY_H
#define REFCONV_REF_PROXY_H

struct ref_proxy_provider;
struct ref_proxy;

/**
 * struct ref_proxy_access - one access in progress; caller-provided storage
 * @rpp: provider of the access in progress, NULL when none
 *
 * Initialize with REF_PROXY_ACCESS_INIT or let ref_proxy_get() fill it.
 */
struct ref_proxy_access {
	struct ref_proxy_provider *rpp;
};

/** REF_PROXY_ACCESS_INIT - initializer of an idle struct ref_proxy_access */
#define REF_PROXY_ACCESS_INIT { .rpp = 0 }

/**
 * ref_proxy_provider_alloc() - make a resource available through proxies
 * @res: the resource
 *
 * Return: the provider, holding its own reference, or NULL without memory.
 */
struct ref_proxy_provider *ref_proxy_provider_alloc(void *res);

/**
 * ref_proxy_provider_free() - revoke the resource and drop the provider
 * @rpp: the provider
 *
 * Later ref_proxy_get() calls return NULL. Waits until every access that may
 * still see the resource has been put, so the caller can free the resource
 * when this returns. The provider structure itself lives on until the last
 * proxy is freed.
 */
void ref_proxy_provider_free(struct ref_proxy_provider *rpp);

/**
 * ref_proxy_alloc() - make a consumer handle for a provider
 * @rpp: the provider (its structure is kept alive by the handle)
 *
 * Return: the handle, or NULL without memory.
 */
struct ref_proxy *ref_proxy_alloc(struct ref_proxy_provider *rpp);

/**
 * ref_proxy_free() - free a consumer handle
 * @proxy: the handle, or NULL; no access through it may be in progress
 */
void ref_proxy_free(struct ref_proxy *proxy);

/**
 * ref_proxy_get() - start an access to the resource
 * @proxy: the consumer handle (shared freely between threads)
 * @acc: this access's state, owned by the caller until ref_proxy_put()
 *
 * Enters a read-side critical section whether or not the resource is still
 * there: always pair with ref_proxy_put(@acc).
 *
 * Return: the resource, or NULL if it was revoked.
 */
void *ref_proxy_get(struct ref_proxy *proxy, struct ref_proxy_access *acc);

/**
 * ref_proxy_put() - end an access started by ref_proxy_get()
 * @acc: the access; putting an idle access is reported and ignored
 */
void ref_proxy_put(struct ref_proxy_access *acc);

/**
 * ref_proxy_access_cleanup() - cleanup-attribute helper of REF_PROXY_GET()
 * @acc: the access; put if one is in progress
 */
static inline void ref_proxy_access_cleanup(struct ref_proxy_access *acc)
{
	if (acc->rpp)
		ref_proxy_put(acc);
}

#define REF_PROXY_CAT2_(a, b) a##b
#define REF_PROXY_CAT_(a, b) REF_PROXY_CAT2_(a, b)

#define REF_PROXY_GET_(proxy, ptr, acc, once)				\
	for (struct ref_proxy_access acc					\
		__attribute__((__cleanup__(ref_proxy_access_cleanup))) =\
		REF_PROXY_ACCESS_INIT, *once = &acc;			\
	     once && ((ptr) = ref_proxy_get((proxy), &acc), 1);		\
	     once = 0)

/**
 * REF_PROXY_GET() - run the following block inside one access
 * @proxy: the consumer handle
 * @ptr: a variable (declared by the caller) that receives the resource, NULL
 *       inside the block if it was revoked
 *
 * The block runs exactly once; the access is put on every way out of it
 * (end of block, break, continue, return, goto) through the cleanup
 * attribute. ``break`` and ``continue`` leave this block, not an
 * enclosing loop.
 */
#define REF_PROXY_GET(proxy, ptr)					\
	REF_PROXY_GET_(proxy, ptr,					\
		       REF_PROXY_CAT_(ref_proxy_acc_, __COUNTER__),	\
		       REF_PROXY_CAT_(ref_proxy_once_, __COUNTER__))

#endif /* REFCONV_REF_PROXY_H */
