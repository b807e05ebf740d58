// SPDX-License-Identifier: GPL-2.0
/*
 * Tracker behind struct <tag>_ref under CONFIG_REF_DEBUG / REF_DEBUG (see
 * include/linux/ref_wrap.h), and the refconv.ko module itself.
 *
 * Every live reference has a record on one list. Records copy the tag and
 * the acquire site, so a leak can be listed even after the holder's memory
 * or the module that took the reference is gone; the holder's address is
 * printed, never dereferenced.
 */
#include <linux/export.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/ref_wrap.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

/**
 * struct ref_debug_record - one live reference
 * @node: entry in ref_debug_live
 * @ref: address of the holder
 * @ptr: the referenced object
 * @line: acquire line
 * @tag: copy of the DECLARE_REF() tag
 * @file: copy of the acquire file
 */
struct ref_debug_record {
	struct list_head node;
	const void *ref;
	const void *ptr;
	unsigned int line;
	const char *tag;
	char file[];
};

static LIST_HEAD(ref_debug_live);
static DEFINE_SPINLOCK(ref_debug_lock);
static atomic_long_t ref_debug_nproblems = ATOMIC_LONG_INIT(0);
static atomic_long_t ref_debug_untracked = ATOMIC_LONG_INIT(0);
static ref_debug_hook_t __rcu ref_debug_hook;

static void ref_debug_call_hook(const struct ref_debug_event *ev)
{
	ref_debug_hook_t hook;

	rcu_read_lock();
	hook = rcu_dereference(ref_debug_hook);
	if (hook)
		hook(ev);
	rcu_read_unlock();
}

/* Report a double release or an overwrite: counted, printed, hooked. */
static void ref_debug_problem(const struct ref_debug_event *ev)
{
	atomic_long_inc(&ref_debug_nproblems);
	if (ev->kind == REF_DEBUG_DOUBLE_RELEASE)
		pr_err("ref_debug: double release of %s ref %p at %s:%u: acquired at %s:%u, first released at %s:%u\n",
		       ev->tag, ev->ref, ev->file, ev->line, ev->acq_file ?: "?",
		       ev->acq_line, ev->rel_file ?: "?", ev->rel_line);
	else
		pr_err("ref_debug: %s ref %p overwritten at %s:%u while holding %p acquired at %s:%u (leak)\n",
		       ev->tag, ev->ref, ev->file, ev->line, ev->ptr,
		       ev->acq_file ?: "?", ev->acq_line);
	ref_debug_call_hook(ev);
}

static void ref_debug_untrack(struct ref_debug_info *d)
{
	struct ref_debug_record *rec = d->rec;
	unsigned long flags;

	if (!rec)
		return;
	d->rec = NULL;
	spin_lock_irqsave(&ref_debug_lock, flags);
	list_del(&rec->node);
	spin_unlock_irqrestore(&ref_debug_lock, flags);
	kfree(rec);
}

/* Report @d as overwritten at @file:@line if it still holds @old. */
static void ref_debug_check_empty(struct ref_debug_info *d, const char *tag, const void *ref,
				  const void *old, const char *file, unsigned int line)
{
	struct ref_debug_event ev = {
		.kind = REF_DEBUG_OVERWRITE, .tag = tag, .ref = ref, .ptr = old,
		.acq_file = d->acq_file, .acq_line = d->acq_line,
		.file = file, .line = line,
	};

	if (!d->rec && !old)
		return;
	ref_debug_problem(&ev);
	ref_debug_untrack(d);
}

/**
 * ref_debug_acquire() - record that a holder took a reference
 * @d: the holder's tracker state
 * @tag: DECLARE_REF() tag
 * @ref: the holder
 * @old: the pointer the holder has before the acquire (reported if not NULL)
 * @ptr: the object, NULL for an empty acquire (not recorded)
 * @file: acquire site
 * @line: acquire line
 *
 * Called by <tag>_ref_acquire_at() before it stores @ptr. A holder that
 * still holds a reference is reported as overwritten. Records are allocated
 * with GFP_ATOMIC, as acquires happen under spinlocks; a reference whose
 * record cannot be allocated is counted as untracked.
 *
 * Context: any context.
 */
void ref_debug_acquire(struct ref_debug_info *d, const char *tag, const void *ref,
		       const void *old, const void *ptr, const char *file,
		       unsigned int line)
{
	struct ref_debug_record *rec;
	size_t flen = strlen(file) + 1, tlen = strlen(tag) + 1;
	unsigned long flags;

	ref_debug_check_empty(d, tag, ref, old, file, line);
	d->acq_file = file;
	d->acq_line = line;
	d->rel_file = NULL;
	d->rel_line = 0;
	if (!ptr)
		return;
	rec = kmalloc(sizeof(*rec) + flen + tlen, GFP_ATOMIC);
	if (!rec) {
		atomic_long_inc(&ref_debug_untracked);
		return;
	}
	rec->ref = ref;
	rec->ptr = ptr;
	rec->line = line;
	memcpy(rec->file, file, flen);
	rec->tag = rec->file + flen;
	memcpy(rec->file + flen, tag, tlen);
	spin_lock_irqsave(&ref_debug_lock, flags);
	list_add_tail(&rec->node, &ref_debug_live);
	spin_unlock_irqrestore(&ref_debug_lock, flags);
	d->rec = rec;
}
EXPORT_SYMBOL_GPL(ref_debug_acquire);

/**
 * ref_debug_release() - check and record a release
 * @d: the holder's tracker state
 * @tag: DECLARE_REF() tag
 * @ref: the holder
 * @ptr: the pointer the holder has now
 * @file: release site
 * @line: release line
 *
 * A release of a holder already released since its last acquire is a
 * double release: it is reported with the acquire and the first release
 * site, and the caller must not put again. Releasing a never-acquired
 * (empty) holder is a harmless no-op.
 *
 * Context: any context.
 * Return: false for a double release (do not put), true otherwise.
 */
bool ref_debug_release(struct ref_debug_info *d, const char *tag, const void *ref,
		       const void *ptr, const char *file, unsigned int line)
{
	if (!ptr && d->rel_file) {
		struct ref_debug_event ev = {
			.kind = REF_DEBUG_DOUBLE_RELEASE, .tag = tag, .ref = ref,
			.acq_file = d->acq_file, .acq_line = d->acq_line,
			.rel_file = d->rel_file, .rel_line = d->rel_line,
			.file = file, .line = line,
		};

		ref_debug_problem(&ev);
		return false;
	}
	if (!ptr)
		return true;
	ref_debug_untrack(d);
	d->rel_file = file;
	d->rel_line = line;
	return true;
}
EXPORT_SYMBOL_GPL(ref_debug_release);

/**
 * ref_debug_move() - record a hand-over between two holders
 * @dst: tracker state of the receiving holder
 * @src: tracker state of the giving holder
 * @tag: DECLARE_REF() tag
 * @dref: the receiving holder
 * @dptr: the pointer @dref holds before the move (reported if not NULL)
 * @file: move site
 * @line: move line
 *
 * Context: any context.
 */
void ref_debug_move(struct ref_debug_info *dst, struct ref_debug_info *src,
		    const char *tag, const void *dref, const void *dptr,
		    const char *file, unsigned int line)
{
	struct ref_debug_record *rec = src->rec;
	unsigned long flags;

	ref_debug_check_empty(dst, tag, dref, dptr, file, line);
	*dst = *src;
	src->rec = NULL;
	src->rel_file = NULL;
	if (rec) {
		spin_lock_irqsave(&ref_debug_lock, flags);
		rec->ref = dref;
		spin_unlock_irqrestore(&ref_debug_lock, flags);
	}
}
EXPORT_SYMBOL_GPL(ref_debug_move);

/**
 * ref_debug_report() - list every live reference with its acquire site
 *
 * Context: any context.
 * Return: the number of live references listed; each one is printed and
 * passed to the hook as a leak report.
 */
unsigned long ref_debug_report(void)
{
	struct ref_debug_record *rec;
	unsigned long flags, n = 0;

	spin_lock_irqsave(&ref_debug_lock, flags);
	list_for_each_entry(rec, &ref_debug_live, node) {
		struct ref_debug_event ev = {
			.kind = REF_DEBUG_LEAK, .tag = rec->tag, .ref = rec->ref,
			.ptr = rec->ptr, .acq_file = rec->file, .acq_line = rec->line,
		};

		pr_warn("ref_debug: live %s ref %p to %p acquired at %s:%u\n",
			rec->tag, rec->ref, rec->ptr, rec->file, rec->line);
		ref_debug_call_hook(&ev);
		n++;
	}
	spin_unlock_irqrestore(&ref_debug_lock, flags);
	if (atomic_long_read(&ref_debug_untracked))
		pr_warn("ref_debug: %ld reference(s) were not tracked (no memory)\n",
			atomic_long_read(&ref_debug_untracked));
	return n;
}
EXPORT_SYMBOL_GPL(ref_debug_report);

/**
 * ref_debug_problems() - number of double releases and overwrites reported
 *
 * Return: the count since refconv.ko was loaded.
 */
unsigned long ref_debug_problems(void)
{
	return atomic_long_read(&ref_debug_nproblems);
}
EXPORT_SYMBOL_GPL(ref_debug_problems);

/**
 * ref_debug_set_hook() - install or remove the report hook
 * @hook: function called for every report, or NULL to remove it
 *
 * Removing waits for calls in progress, so the hook's module may go away
 * afterwards.
 *
 * Context: process context, may sleep.
 */
void ref_debug_set_hook(ref_debug_hook_t hook)
{
	rcu_assign_pointer(ref_debug_hook, hook);
	if (!hook)
		synchronize_rcu();
}
EXPORT_SYMBOL_GPL(ref_debug_set_hook);

static void __exit refconv_exit(void)
{
	struct ref_debug_record *rec, *tmp;
	unsigned long n = ref_debug_report();

	if (n)
		pr_warn("ref_debug: %lu reference(s) leaked\n", n);
	/* Users of the tracker are gone (they depend on this module). */
	list_for_each_entry_safe(rec, tmp, &ref_debug_live, node)
		kfree(rec);
}
module_exit(refconv_exit);

MODULE_DESCRIPTION("refconv runtime: ref_proxy, struct ref tracker, reftrack counters");
MODULE_LICENSE("GPL");
