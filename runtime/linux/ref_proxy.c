// SPDX-License-Identifier: GPL-2.0
/*
 * ref_proxy: SRCU-protected weak references to a revocable resource.
 * See include/linux/ref_proxy.h for the model.
 */
#include <linux/device.h>
#include <linux/export.h>
#include <linux/kref.h>
#include <linux/ref_proxy.h>
#include <linux/slab.h>
#include <linux/srcu.h>

/**
 * struct ref_proxy_provider - a revocable resource
 * @srcu: protects @res; every access is a read-side section
 * @res: the resource, NULL once revoked
 * @kref: held by the provider until ref_proxy_provider_free() and by every
 *        consumer, so a consumer can still find out that @res is gone
 */
struct ref_proxy_provider {
	struct srcu_struct srcu;
	void __rcu *res;
	struct kref kref;
};

/**
 * struct ref_proxy - a consumer's handle; immutable once allocated
 * @rpp: the provider
 */
struct ref_proxy {
	struct ref_proxy_provider *rpp;
};

/**
 * ref_proxy_provider_alloc() - wrap a resource for revocable access
 * @res: the resource (not NULL)
 *
 * Context: process context, may sleep.
 * Return: the provider, holding the provider's reference; NULL on failure.
 */
struct ref_proxy_provider *ref_proxy_provider_alloc(void *res)
{
	struct ref_proxy_provider *rpp;

	if (!res)
		return NULL;
	rpp = kzalloc(sizeof(*rpp), GFP_KERNEL);
	if (!rpp)
		return NULL;
	if (init_srcu_struct(&rpp->srcu)) {
		kfree(rpp);
		return NULL;
	}
	/* No reader can see @rpp yet: a plain initialisation is enough. */
	RCU_INIT_POINTER(rpp->res, res);
	kref_init(&rpp->kref);
	return rpp;
}
EXPORT_SYMBOL_GPL(ref_proxy_provider_alloc);

static void ref_proxy_provider_release(struct kref *kref)
{
	struct ref_proxy_provider *rpp =
		container_of(kref, struct ref_proxy_provider, kref);

	cleanup_srcu_struct(&rpp->srcu);
	kfree(rpp);
}

/**
 * ref_proxy_provider_free() - revoke the resource and drop the provider
 * @rpp: provider, may be NULL
 *
 * Later ref_proxy_get() calls return NULL. This waits until every access
 * that may have seen the resource has been put, so the caller may free the
 * resource as soon as it returns.
 *
 * Context: process context, may sleep; not inside an access to @rpp.
 */
void ref_proxy_provider_free(struct ref_proxy_provider *rpp)
{
	if (!rpp)
		return;
	rcu_assign_pointer(rpp->res, NULL);
	synchronize_srcu(&rpp->srcu);
	kref_put(&rpp->kref, ref_proxy_provider_release);
}
EXPORT_SYMBOL_GPL(ref_proxy_provider_free);

static void devm_ref_proxy_provider_release(void *data)
{
	ref_proxy_provider_free(data);
}

/**
 * devm_ref_proxy_provider_alloc() - device-managed ref_proxy_provider_alloc()
 * @dev: the device whose unbinding revokes the resource
 * @res: the resource (not NULL)
 *
 * The provider is revoked and dropped by devres when @dev is unbound, after
 * its driver's remove() has returned. That is only right when @res itself is
 * devm-managed on @dev and was allocated before this call (devres releases
 * in reverse order): anything remove() frees must be revoked by hand with
 * ref_proxy_provider_free() at the start of remove() instead.
 *
 * Context: process context, may sleep.
 * Return: the provider; NULL on failure (nothing is left to release).
 */
struct ref_proxy_provider *devm_ref_proxy_provider_alloc(struct device *dev,
							 void *res)
{
	struct ref_proxy_provider *rpp;

	rpp = ref_proxy_provider_alloc(res);
	if (!rpp)
		return NULL;
	if (devm_add_action_or_reset(dev, devm_ref_proxy_provider_release, rpp))
		return NULL;
	return rpp;
}
EXPORT_SYMBOL_GPL(devm_ref_proxy_provider_alloc);

/**
 * ref_proxy_alloc() - create a consumer handle
 * @rpp: provider, not yet freed by its owner
 *
 * Context: process context, may sleep.
 * Return: the consumer, holding a reference on @rpp; NULL on failure.
 */
struct ref_proxy *ref_proxy_alloc(struct ref_proxy_provider *rpp)
{
	struct ref_proxy *proxy;

	if (!rpp)
		return NULL;
	proxy = kzalloc(sizeof(*proxy), GFP_KERNEL);
	if (!proxy)
		return NULL;
	kref_get(&rpp->kref);
	proxy->rpp = rpp;
	return proxy;
}
EXPORT_SYMBOL_GPL(ref_proxy_alloc);

/**
 * ref_proxy_free() - drop a consumer handle
 * @proxy: consumer, may be NULL; no access through it may be open
 *
 * Context: process context, may sleep (the last reference to the provider
 * cleans up its SRCU state).
 */
void ref_proxy_free(struct ref_proxy *proxy)
{
	if (!proxy)
		return;
	kref_put(&proxy->rpp->kref, ref_proxy_provider_release);
	kfree(proxy);
}
EXPORT_SYMBOL_GPL(ref_proxy_free);

/**
 * ref_proxy_get() - open an access to the resource
 * @proxy: consumer; may be shared by any number of threads
 * @acc: caller-owned handle that records this access
 *
 * Enters an SRCU read-side section, which ref_proxy_put(@acc) leaves; the
 * section is opened even when the resource is revoked, so every get is
 * paired with a put. The section may sleep but delays revocation.
 *
 * Return: the resource, or NULL if it has been revoked.
 */
void *ref_proxy_get(struct ref_proxy *proxy, struct ref_proxy_access *acc)
{
	struct ref_proxy_provider *rpp = proxy->rpp;

	acc->idx = srcu_read_lock(&rpp->srcu);
	acc->rpp = rpp;
	return srcu_dereference(rpp->res, &rpp->srcu);
}
EXPORT_SYMBOL_GPL(ref_proxy_get);

/**
 * ref_proxy_put() - close an access opened by ref_proxy_get()
 * @acc: the handle passed to ref_proxy_get(); closed afterwards
 *
 * Putting a closed handle is a bug; it warns once and does nothing.
 */
void ref_proxy_put(struct ref_proxy_access *acc)
{
	struct ref_proxy_provider *rpp = acc->rpp;

	if (WARN_ON_ONCE(!rpp))
		return;
	acc->rpp = NULL;
	srcu_read_unlock(&rpp->srcu, acc->idx);
}
EXPORT_SYMBOL_GPL(ref_proxy_put);
