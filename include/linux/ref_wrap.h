/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ref_wrap: typed reference holders (struct <tag>_ref) for code converted by
 * cocci/ref_wrap.cocci.
 *
 * DECLARE_REF(mm, struct mm_struct, mmgrab, mmdrop) declares struct mm_ref,
 * which is exactly one pointer unless CONFIG_REF_DEBUG or REF_DEBUG is set.
 * Code takes and drops references with ref_acquire()/ref_release(), and
 * swaps one for another with ref_replace(); release clears the pointer, so
 * a stale copy cannot be used by mistake.
 *
 * With CONFIG_REF_DEBUG or REF_DEBUG, every live reference is recorded with
 * its acquire site in refconv.ko's tracker: ref_debug_report() lists those
 * still live (refconv.ko also does on unload), a second release is reported
 * with the acquire and the first release site and does not put again, and
 * acquiring or moving into a holder that still holds a reference (a leak) is
 * reported.
 */
#ifndef _LINUX_REFCONV_REF_WRAP_H
#define _LINUX_REFCONV_REF_WRAP_H

#include <linux/compiler.h>
#include <linux/types.h>

#if defined(CONFIG_REF_DEBUG) || defined(REF_DEBUG)
#define __REF_WRAP_DEBUG 1
#endif

/**
 * enum ref_debug_kind - what a tracker report is about
 * @REF_DEBUG_LEAK: a reference still live when ref_debug_report() ran
 * @REF_DEBUG_DOUBLE_RELEASE: a reference released a second time
 * @REF_DEBUG_OVERWRITE: acquire or move into a holder that held a reference
 */
enum ref_debug_kind {
	REF_DEBUG_LEAK,
	REF_DEBUG_DOUBLE_RELEASE,
	REF_DEBUG_OVERWRITE,
};

/**
 * struct ref_debug_event - one tracker report, as passed to the hook
 * @kind: what happened
 * @tag: the DECLARE_REF() tag
 * @ref: address of the holder (for identification only)
 * @ptr: the referenced object
 * @acq_file: acquire site file
 * @acq_line: acquire site line
 * @rel_file: first release site file (REF_DEBUG_DOUBLE_RELEASE), else NULL
 * @rel_line: first release site line
 * @file: site of the offending call (double release, overwrite), else NULL
 * @line: line of the offending call
 */
struct ref_debug_event {
	enum ref_debug_kind kind;
	const char *tag;
	const void *ref;
	const void *ptr;
	const char *acq_file;
	unsigned int acq_line;
	const char *rel_file;
	unsigned int rel_line;
	const char *file;
	unsigned int line;
};

/**
 * typedef ref_debug_hook_t - receives every tracker report
 * @ev: the report; valid during the call only
 *
 * Called in atomic context (under the tracker's lock for leaks): it must not
 * sleep nor use struct ref holders.
 */
typedef void (*ref_debug_hook_t)(const struct ref_debug_event *ev);

struct ref_debug_record;

/**
 * struct ref_debug_info - tracker state inside a struct <tag>_ref
 * @rec: the live record in the tracker, NULL when none
 * @acq_file: last acquire site
 * @acq_line: last acquire line
 * @rel_file: release site since that acquire, NULL if not released
 * @rel_line: release line
 */
struct ref_debug_info {
	struct ref_debug_record *rec;
	const char *acq_file;
	unsigned int acq_line;
	const char *rel_file;
	unsigned int rel_line;
};

void ref_debug_acquire(struct ref_debug_info *d, const char *tag, const void *ref,
		       const void *old, const void *ptr, const char *file,
		       unsigned int line);
bool ref_debug_release(struct ref_debug_info *d, const char *tag, const void *ref,
		       const void *ptr, const char *file, unsigned int line);
void ref_debug_move(struct ref_debug_info *dst, struct ref_debug_info *src,
		    const char *tag, const void *dref, const void *dptr,
		    const char *file, unsigned int line);
unsigned long ref_debug_report(void);
unsigned long ref_debug_problems(void);
void ref_debug_set_hook(ref_debug_hook_t hook);

/* Without the tracker the dbg member is an empty struct: zero bytes (GNU C). */
struct ref_debug_none {
};

#ifdef __REF_WRAP_DEBUG
#define __REF_DEBUG_TYPE	struct ref_debug_info
#else
#define __REF_DEBUG_TYPE	struct ref_debug_none
#endif

/**
 * DECLARE_REF() - declare a typed reference holder and its functions
 * @tag: name stem: declares struct tag_ref and tag_ref_*() functions
 * @type: referenced type, e.g. struct mm_struct
 * @get: function taking a reference, called as get(type *)
 * @put: function dropping a reference, called as put(type *)
 *
 * Acquire and release are NULL-safe: a NULL object is stored without get(),
 * releasing an empty holder does nothing.
 */
#define DECLARE_REF(tag, type, get, put)					\
struct tag##_ref {								\
	type *ptr;								\
	__REF_DEBUG_TYPE dbg;							\
};										\
static inline void tag##_ref_acquire_at(struct tag##_ref *r, type *p,		\
					const char *file, unsigned int line)	\
{										\
	if (p)									\
		get(p);								\
	__ref_wrap_acquired(r, #tag, p, file, line);				\
	r->ptr = p;								\
}										\
static inline void tag##_ref_release_at(struct tag##_ref *r,			\
					const char *file, unsigned int line)	\
{										\
	type *p = r->ptr;							\
										\
	if (!__ref_wrap_released(r, #tag, p, file, line) || !p)		\
		return;								\
	r->ptr = NULL;								\
	put(p);									\
}										\
static inline void tag##_ref_replace_at(struct tag##_ref *r, type *p,		\
					const char *file, unsigned int line)	\
{										\
	type *old = r->ptr;							\
										\
	if (p)									\
		get(p);								\
	if (old && !__ref_wrap_released(r, #tag, old, file, line))		\
		old = NULL;							\
	r->ptr = NULL;								\
	__ref_wrap_acquired(r, #tag, p, file, line);				\
	r->ptr = p;								\
	if (old)								\
		put(old);							\
}										\
static inline void tag##_ref_move_at(struct tag##_ref *dst,			\
				     struct tag##_ref *src,			\
				     const char *file, unsigned int line)	\
{										\
	__ref_wrap_moved(dst, src, #tag, file, line);				\
	dst->ptr = src->ptr;							\
	src->ptr = NULL;							\
}										\
static inline type *tag##_ref_ptr(const struct tag##_ref *r)			\
{										\
	return r->ptr;								\
}

#ifdef __REF_WRAP_DEBUG
#define __ref_wrap_acquired(r, tagname, p, file, line) \
	ref_debug_acquire(&(r)->dbg, tagname, r, (r)->ptr, p, file, line)
#define __ref_wrap_released(r, tagname, p, file, line) \
	ref_debug_release(&(r)->dbg, tagname, r, p, file, line)
#define __ref_wrap_moved(dst, src, tagname, file, line) \
	ref_debug_move(&(dst)->dbg, &(src)->dbg, tagname, dst, (dst)->ptr, file, line)
#else
#define __ref_wrap_acquired(r, tagname, p, file, line)	do { } while (0)
#define __ref_wrap_released(r, tagname, p, file, line)	true
#define __ref_wrap_moved(dst, src, tagname, file, line)	do { } while (0)
#endif

/**
 * REF_INIT - initializer of an empty holder
 */
#define REF_INIT		{ .ptr = NULL }

/**
 * ref_init() - make a holder empty (it must not hold a reference)
 * @tag: DECLARE_REF() tag
 * @r: pointer to struct tag_ref
 */
#define ref_init(tag, r)	(*(r) = (struct tag##_ref)REF_INIT)

/**
 * ref_acquire() - take a reference on @p with get() and store it in @r
 * @tag: DECLARE_REF() tag
 * @r: pointer to struct tag_ref (should be empty)
 * @p: object, may be NULL
 */
#define ref_acquire(tag, r, p)	tag##_ref_acquire_at(r, p, __FILE__, __LINE__)

/**
 * ref_release() - drop the reference in @r with put() and clear @r
 * @tag: DECLARE_REF() tag
 * @r: pointer to struct tag_ref
 */
#define ref_release(tag, r)	tag##_ref_release_at(r, __FILE__, __LINE__)

/**
 * ref_replace() - take a reference on @p and drop the one @r held
 * @tag: DECLARE_REF() tag
 * @r: pointer to struct tag_ref (empty or not)
 * @p: the new object, may be NULL
 *
 * The converted form of ``put(x->f); x->f = get(p);``: get(p) first, then
 * the store, then put() of the old object (if any), so @p may be the object
 * @r already holds. ref_acquire() stays the call for an empty holder:
 * acquiring into a holder that holds a reference is a leak, and REF_DEBUG
 * reports it; ref_replace() says the old reference is dropped.
 */
#define ref_replace(tag, r, p)	tag##_ref_replace_at(r, p, __FILE__, __LINE__)

/**
 * ref_move() - hand the reference in @src over to @dst without get/put
 * @tag: DECLARE_REF() tag
 * @dst: pointer to an empty struct tag_ref
 * @src: pointer to struct tag_ref; empty afterwards
 */
#define ref_move(tag, dst, src)	tag##_ref_move_at(dst, src, __FILE__, __LINE__)

/**
 * ref_ptr() - the object a holder references (NULL when empty)
 * @tag: DECLARE_REF() tag
 * @r: pointer to struct tag_ref
 */
#define ref_ptr(tag, r)		tag##_ref_ptr(r)

#endif /* _LINUX_REFCONV_REF_WRAP_H */
