/*
 * Modelled on kernel/module/main.c (Linux 6.1): the module refcount starts at
 * MODULE_REF_BASE, is taken with atomic_inc() and dropped on unload with
 * atomic_dec_and_test(), and module_refcount() reports
 * atomic_read(&mod->refcnt) - MODULE_REF_BASE. (struct module and its helpers come
 * from <linux/module.h>, so the case prefixes them mod_refs.)
 * Negative: arithmetic on an atomic_read() result blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>

#define MODULE_REF_BASE	1

struct mod_refs {
	const char *name;
	atomic_t refcnt;
};

void mod_refs_unload_init(struct mod_refs *mod)
{
	atomic_set(&mod->refcnt, MODULE_REF_BASE);
}

void mod_refs_get(struct mod_refs *mod)
{
	atomic_inc(&mod->refcnt);
}

int mod_refs_refcount(struct mod_refs *mod)
{
	return atomic_read(&mod->refcnt) - MODULE_REF_BASE;
}

bool mod_refs_put_last(struct mod_refs *mod)
{
	return atomic_dec_and_test(&mod->refcnt);
}

MODULE_LICENSE("GPL");
