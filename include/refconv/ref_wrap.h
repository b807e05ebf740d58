/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Typed reference wrappers (Vegard Nossum's struct ref proposal), the target
 * of cocci/ref_wrap.cocci.
 *
 *	DECLARE_REF(mm, struct mm_struct, mmgrab, mmdrop);
 *	struct task { struct mm_ref mm; };
 *	ref_acquire(mm, &t->mm, mm);	// mmgrab(mm); t->mm.ptr = mm
 *	use(ref_ptr(mm, &t->mm));
 *	ref_release(mm, &t->mm);	// mmdrop(t->mm.ptr); t->mm.ptr = NULL
 *	ref_replace(mm, &t->mm, mm2);	// mmgrab(mm2); store; mmdrop(old)
 *
 * Without REF_DEBUG a struct tag_ref is exactly one pointer and the calls
 * compile to the bare get/put. With REF_DEBUG defined (for the whole
 * program), every live reference is recorded with the file:line that
 * acquired it; references still live at exit are listed on stderr (or by
 * ref_debug_report()), and a second release is reported with the acquire
 * site and the first release site, and does not call put again. The
 * tracker is protected by a mutex; the wrappers themselves are protected by
 * whatever protects the structure that holds them.
 */
#ifndef REFCONV_REF_WRAP_H
#define REFCONV_REF_WRAP_H

#include <stdbool.h>
#include <stddef.h>

/**
 * struct ref_debug_info - REF_DEBUG bookkeeping inside each wrapper
 * @id: key of the live record in the tracker, 0 when not live
 * @acq_file: where the reference was last acquired
 * @acq_line: line of @acq_file
 * @rel_file: where it was last released (or moved away), NULL if not
 * @rel_line: line of @rel_file
 */
struct ref_debug_info {
	unsigned long id;
	const char *acq_file;
	int acq_line;
	const char *rel_file;
	int rel_line;
};

/**
 * ref_debug_acquire() - record a new live reference (REF_DEBUG only)
 * @d: the wrapper's bookkeeping
 * @ptr: the object referenced
 * @tag: the wrapper's tag, for messages
 * @file: acquire site
 * @line: line of @file
 *
 * Reports (and forgets) a reference that @d still held: it leaked.
 */
void ref_debug_acquire(struct ref_debug_info *d, const void *ptr,
		       const char *tag, const char *file, int line);

/**
 * ref_debug_release() - forget a live reference (REF_DEBUG only)
 * @d: the wrapper's bookkeeping
 * @ptr: the object referenced (NULL if the wrapper is empty)
 * @tag: the wrapper's tag, for messages
 * @file: release site
 * @line: line of @file
 *
 * Return: true if the reference was live (the caller calls put), false after
 * reporting a double release or the release of an empty wrapper.
 */
bool ref_debug_release(struct ref_debug_info *d, const void *ptr,
		       const char *tag, const char *file, int line);

/**
 * ref_debug_move() - hand a live record from @src to @dst (REF_DEBUG only)
 * @dst: destination bookkeeping
 * @src: source bookkeeping (becomes empty, "moved away" at @file:@line)
 * @tag: the wrapper's tag, for messages
 * @file: move site
 * @line: line of @file
 */
void ref_debug_move(struct ref_debug_info *dst, struct ref_debug_info *src,
		    const char *tag, const char *file, int line);

/**
 * ref_debug_report() - list the live references on stderr
 *
 * Runs at exit automatically once a reference was acquired with REF_DEBUG.
 *
 * Return: the number of live references listed.
 */
size_t ref_debug_report(void);

/**
 * ref_debug_live_count() - number of live REF_DEBUG references
 *
 * Return: the number of references acquired and not yet released.
 */
size_t ref_debug_live_count(void);

#ifdef REF_DEBUG
#define REF_DEBUG_FIELD_ struct ref_debug_info dbg;
#define REF_SITE_PARAMS_ , const char *file, int line
#define REF_SITE_ARGS_ , __FILE__, __LINE__
#else
#define REF_DEBUG_FIELD_
#define REF_SITE_PARAMS_
#define REF_SITE_ARGS_
#endif

/**
 * REF_INIT - initializer of an empty wrapper: ``struct mm_ref r = REF_INIT;``
 */
#define REF_INIT { .ptr = NULL }

/* helpers a file does not call must not trip clang's -Wunused-function */
#define REF_UNUSED_ __attribute__((__unused__))

#ifdef REF_DEBUG
#define DECLARE_REF_SIZE_CHECK_(tag)
#else
#define DECLARE_REF_SIZE_CHECK_(tag)					\
	_Static_assert(sizeof(struct tag##_ref) == sizeof(void *),	\
		       "struct " #tag "_ref must be one pointer");
#endif

/**
 * DECLARE_REF() - declare struct tag_ref and its inline helpers
 * @tag: name of the wrapper (struct tag_ref) and of the helpers (tag_ref_*)
 * @type: referenced type, e.g. ``struct mm_struct``
 * @get: takes a reference: ``get(p)``; its result, if any, is ignored
 * @put: drops a reference: ``put(p)``
 *
 * Use the generic ref_acquire(), ref_release(), ref_ptr(), ref_init() and
 * ref_move() with @tag rather than the tag_ref_* helpers.
 */
#define DECLARE_REF(tag, type, get, put)				\
	struct tag##_ref {						\
		type *ptr;						\
		REF_DEBUG_FIELD_					\
	};								\
	DECLARE_REF_SIZE_CHECK_(tag)					\
	static inline REF_UNUSED_ void tag##_ref_init(struct tag##_ref *r)		\
	{								\
		*r = (struct tag##_ref)REF_INIT;			\
	}								\
	static inline REF_UNUSED_ type *tag##_ref_ptr(const struct tag##_ref *r)	\
	{								\
		return r->ptr;						\
	}								\
	static inline REF_UNUSED_ void tag##_ref_acquire_(struct tag##_ref *r,	\
					      type *p REF_SITE_PARAMS_)	\
	{								\
		(void)get(p);						\
		REF_DEBUG_ONLY_(ref_debug_acquire(&r->dbg, p, #tag,	\
						  file, line);)		\
		r->ptr = p;						\
	}								\
	static inline REF_UNUSED_ void tag##_ref_release_(struct tag##_ref *r	\
					      REF_SITE_PARAMS_)		\
	{								\
		type *p = r->ptr;					\
									\
		REF_DEBUG_ONLY_(if (!ref_debug_release(&r->dbg, p, #tag,\
						       file, line))	\
					return;)			\
		r->ptr = NULL;						\
		put(p);							\
	}								\
	static inline REF_UNUSED_ void tag##_ref_replace_(struct tag##_ref *r,	\
					      type *p REF_SITE_PARAMS_)	\
	{								\
		type *old = r->ptr;					\
		bool drop = true;					\
									\
		(void)get(p);						\
		REF_DEBUG_ONLY_(if (old && !ref_debug_release(&r->dbg,	\
						old, #tag, file, line))	\
					drop = false;			\
				ref_debug_acquire(&r->dbg, p, #tag,	\
						  file, line);)		\
		r->ptr = p;						\
		if (old && drop)					\
			put(old);					\
	}								\
	static inline REF_UNUSED_ void tag##_ref_move_(struct tag##_ref *dst,	\
					   struct tag##_ref *src	\
					   REF_SITE_PARAMS_)		\
	{								\
		REF_DEBUG_ONLY_(ref_debug_move(&dst->dbg, &src->dbg,	\
					       #tag, file, line);)	\
		dst->ptr = src->ptr;					\
		src->ptr = NULL;					\
	}

#ifdef REF_DEBUG
#define REF_DEBUG_ONLY_(...) __VA_ARGS__
#else
#define REF_DEBUG_ONLY_(...)
#endif

/**
 * ref_acquire() - take a reference with get() and store it in a wrapper
 * @tag: the wrapper's tag from DECLARE_REF()
 * @r: pointer to the wrapper
 * @p: the object
 */
#define ref_acquire(tag, r, p) tag##_ref_acquire_((r), (p) REF_SITE_ARGS_)

/**
 * ref_replace() - take a reference on @p and drop the one @r held
 * @tag: the wrapper's tag from DECLARE_REF()
 * @r: pointer to the wrapper (empty or not)
 * @p: the new object
 *
 * The converted form of ``put(x->f); x->f = get(p);``: get(p) first, then
 * the store, then put() of the old object, so @p may be the object @r
 * already holds. An empty wrapper has no old object and nothing is put
 * (the code it replaces called put(NULL), which can only have been a
 * no-op). ref_acquire() stays the call for an empty wrapper: acquiring
 * into a wrapper that holds a reference is a leak, and REF_DEBUG reports
 * it; ref_replace() says that the old reference is dropped.
 */
#define ref_replace(tag, r, p) tag##_ref_replace_((r), (p) REF_SITE_ARGS_)

/**
 * ref_release() - drop a wrapper's reference with put() and empty it
 * @tag: the wrapper's tag from DECLARE_REF()
 * @r: pointer to the wrapper
 */
#define ref_release(tag, r) tag##_ref_release_((r) REF_SITE_ARGS_)

/**
 * ref_ptr() - the object a wrapper refers to (NULL if empty)
 * @tag: the wrapper's tag from DECLARE_REF()
 * @r: pointer to the wrapper
 */
#define ref_ptr(tag, r) tag##_ref_ptr(r)

/**
 * ref_init() - make a wrapper empty (no reference, nothing is put)
 * @tag: the wrapper's tag from DECLARE_REF()
 * @r: pointer to the wrapper
 */
#define ref_init(tag, r) tag##_ref_init(r)

/**
 * ref_move() - hand a reference from @src to @dst without get or put
 * @tag: the wrapper's tag from DECLARE_REF()
 * @dst: pointer to the receiving wrapper (should be empty)
 * @src: pointer to the giving wrapper (empty afterwards)
 */
#define ref_move(tag, dst, src) tag##_ref_move_((dst), (src) REF_SITE_ARGS_)

#endif /* REFCONV_REF_WRAP_H */
