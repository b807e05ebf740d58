/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reftrack: a reference-counted kernel heap for code converted by
 * cocci/reftrack.cocci (or instrumented by the reftrack GCC plugin).
 *
 * Every object carries a small header in front of its body:
 *
 *	[ struct reftrack_hdr ][ body ... ]
 *	                       ^ pointer handed to the caller
 *
 * A fresh object has count 0: the first pointer that takes it calls addref.
 * The last removeref runs the destructor and frees the memory; rc_kfree() of
 * an object that still has references warns and leaves it alone.
 *
 * Counts follow refcount_t: they saturate at REFCOUNT_SATURATED with a
 * warning instead of wrapping, and a saturated object is never freed (it
 * leaks, which is safe, rather than being used after free).
 *
 * The header layout does not depend on REFTRACK_DEBUG, so translation units
 * built with and without it can share objects. REFTRACK_DEBUG adds the
 * allocation site to every object, checks the header mark on every call and
 * counts reports through reftrack_note(), which lives in refconv.ko.
 */
#ifndef _LINUX_REFCONV_REFTRACK_H
#define _LINUX_REFCONV_REFTRACK_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/printk.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/types.h>
#include <linux/vmalloc.h>

/*
 * Attributes read by the reftrack GCC plugin. Without the plugin they expand
 * to nothing, so plain gcc and clang build converted code unchanged.
 */
#define REFTRACK_IGNORE_FLAG		0x1
#define REFTRACK_HEAP_FN_FLAG		0x2
#define REFTRACK_DESTRUCTOR_FN_FLAG	0x4

#if __has_attribute(__reftrack__)
#define REFTRACK(...)		__attribute__((__reftrack__()))
#define REFTRACK_CUSTOM(S)	__attribute__((__reftrack__(S##_addref, S##_removeref)))
#define REFTRACK_IGNORE		__attribute__((__reftrack__(REFTRACK_IGNORE_FLAG)))
#define REFTRACK_HEAP_FN \
	__attribute__((__reftrack__(REFTRACK_HEAP_FN_FLAG | REFTRACK_IGNORE_FLAG)))
#define REFTRACK_DESTRUCTOR_FN	__attribute__((__reftrack__(REFTRACK_DESTRUCTOR_FN_FLAG)))
#else
#define REFTRACK(...)
#define REFTRACK_CUSTOM(S)
#define REFTRACK_IGNORE
#define REFTRACK_HEAP_FN
#define REFTRACK_DESTRUCTOR_FN
#endif

/**
 * REFTRACK_NOP() - destructor that does nothing
 * @x: the object (evaluated, then discarded)
 */
#define REFTRACK_NOP(x)		((void)(x))

/**
 * MALLOC_LIKE - mark a function that returns fresh, unaliased memory
 */
#define MALLOC_LIKE		__malloc

/* Header mark: advisory only. A matching mark never proves a pointer valid. */
#define REFTRACK_MARK		0xfacebeefU
#define REFTRACK_MARK_FREED	0xdeadbeefU

/**
 * struct reftrack_hdr - header in front of every reftrack object
 * @rc: reference count, refcount_t semantics (0 = fresh, nobody holds it)
 * @mark: REFTRACK_MARK while allocated; checked only under REFTRACK_DEBUG
 * @line: allocation line (REFTRACK_DEBUG), else 0
 * @file: allocation file (REFTRACK_DEBUG), else NULL
 * @dtor: optional destructor run by the last reftrack_removeref()
 */
struct reftrack_hdr {
	refcount_t rc;
	u32 mark;
	unsigned int line;
	const char *file;
	void (*dtor)(void *body);
} __aligned(ARCH_KMALLOC_MINALIGN);

/**
 * enum reftrack_event - problems counted under REFTRACK_DEBUG
 * @REFTRACK_EV_FREE_REFERENCED: rc_*free() of an object with references
 * @REFTRACK_EV_REALLOC_REFUSED: rc_krealloc() refused to move a shared object
 * @REFTRACK_EV_BAD_SIZE: a size computation overflowed
 * @REFTRACK_EV_BAD_MARK: a pointer without a live header mark was passed in
 * @REFTRACK_EV_NR: number of event kinds
 */
enum reftrack_event {
	REFTRACK_EV_FREE_REFERENCED,
	REFTRACK_EV_REALLOC_REFUSED,
	REFTRACK_EV_BAD_SIZE,
	REFTRACK_EV_BAD_MARK,
	REFTRACK_EV_NR,
};

#ifdef REFTRACK_DEBUG
void reftrack_note(enum reftrack_event ev);
unsigned long reftrack_event_count(enum reftrack_event ev);
#define __REFTRACK_FILE		__FILE__
#define __REFTRACK_LINE		__LINE__
#else
static inline void reftrack_note(enum reftrack_event ev) { }
#define __REFTRACK_FILE		NULL
#define __REFTRACK_LINE		0
#endif

/**
 * reftrack_hdr() - header of a reftrack object
 * @body: pointer returned by one of the rc_* allocators
 *
 * Return: the header in front of @body.
 */
static inline struct reftrack_hdr *reftrack_hdr(const void *body)
{
	return (struct reftrack_hdr *)body - 1;
}

/**
 * REFTRACK_COUNT() - current reference count of an object, as an int
 * @p: reftrack object (not NULL)
 *
 * A saturated count reads as REFCOUNT_SATURATED (negative).
 */
#define REFTRACK_COUNT(p)	atomic_read(&reftrack_hdr(p)->rc.refs)

/**
 * __reftrack_mark_ok() - debug check of the header mark
 * @h: header to check
 * @what: name of the calling operation, for the report
 *
 * Freed memory may be reused and carry any value, so this is a best-effort
 * detector for debug builds, never a validity test: without REFTRACK_DEBUG
 * the header is not read for it at all.
 *
 * Return: false (after a report) if the mark is wrong and the caller must
 * not touch the object.
 */
static inline bool __reftrack_mark_ok(const struct reftrack_hdr *h, const char *what)
{
#ifdef REFTRACK_DEBUG
	if (unlikely(READ_ONCE(h->mark) != REFTRACK_MARK)) {
		pr_err("reftrack: %s: %p is not a live reftrack object (bad pointer or use after free)\n",
		       what, h + 1);
		reftrack_note(REFTRACK_EV_BAD_MARK);
		return false;
	}
#endif
	return true;
}

/* Where the memory of an object came from, so it goes back to the same place. */
enum reftrack_mem {
	REFTRACK_MEM_KMALLOC,
	REFTRACK_MEM_VMALLOC,
	REFTRACK_MEM_KVMALLOC,
};

/**
 * __rc_alloc() - allocate a reftrack object (use the rc_* macros)
 * @n: body size in bytes
 * @gfp: allocation flags
 * @mem: allocator family
 * @file: allocation site (NULL unless REFTRACK_DEBUG)
 * @line: allocation line
 *
 * Return: the body of a fresh object with count 0, or NULL if the size
 * overflows or memory is short.
 */
REFTRACK_IGNORE MALLOC_LIKE static inline void *
__rc_alloc(size_t n, gfp_t gfp, enum reftrack_mem mem, const char *file, unsigned int line)
{
	struct reftrack_hdr *h;
	size_t total;

	if (unlikely(check_add_overflow(n, sizeof(*h), &total))) {
		reftrack_note(REFTRACK_EV_BAD_SIZE);
		return NULL;
	}
	switch (mem) {
	case REFTRACK_MEM_KMALLOC:
		h = kmalloc(total, gfp);
		break;
	case REFTRACK_MEM_VMALLOC:
		h = __vmalloc(total, gfp);
		break;
	default:
		h = kvmalloc(total, gfp);
		break;
	}
	if (!h)
		return NULL;
	refcount_set(&h->rc, 0);
	h->mark = REFTRACK_MARK;
	h->file = file;
	h->line = line;
	h->dtor = NULL;
	return h + 1;
}

/**
 * __rc_alloc_array() - allocate a reftrack array (use the rc_* macros)
 * @n: number of elements
 * @size: element size
 * @gfp: allocation flags
 * @mem: allocator family
 * @file: allocation site (NULL unless REFTRACK_DEBUG)
 * @line: allocation line
 *
 * Return: as __rc_alloc(); NULL if @n * @size overflows.
 */
REFTRACK_IGNORE MALLOC_LIKE static inline void *
__rc_alloc_array(size_t n, size_t size, gfp_t gfp, enum reftrack_mem mem,
		 const char *file, unsigned int line)
{
	size_t bytes;

	if (unlikely(check_mul_overflow(n, size, &bytes))) {
		reftrack_note(REFTRACK_EV_BAD_SIZE);
		return NULL;
	}
	return __rc_alloc(bytes, gfp, mem, file, line);
}

/* Release the memory of an object whose header is @h; poisons the mark first. */
static inline void __reftrack_free_mem(struct reftrack_hdr *h, enum reftrack_mem mem)
{
	WRITE_ONCE(h->mark, REFTRACK_MARK_FREED);
	switch (mem) {
	case REFTRACK_MEM_KMALLOC:
		kfree(h);
		break;
	case REFTRACK_MEM_VMALLOC:
		vfree(h);
		break;
	default:
		kvfree(h);
		break;
	}
}

/**
 * __rc_free() - free a reftrack object nobody references (use rc_kfree() etc.)
 * @p: object body, may be NULL
 * @mem: allocator family the object came from
 * @file: call site (NULL unless REFTRACK_DEBUG)
 * @line: call line
 *
 * An object whose count is not 0 is still referenced: it is reported and
 * left alone; the last reftrack_removeref() frees it. The destructor is not
 * run: it belongs to the last reference, and an unreferenced object never
 * had one.
 */
REFTRACK_IGNORE static inline void
__rc_free(const void *p, enum reftrack_mem mem, const char *file, unsigned int line)
{
	struct reftrack_hdr *h;
	int count;

	if (!p)
		return;
	h = reftrack_hdr(p);
	if (!__reftrack_mark_ok(h, "rc_free"))
		return;
	count = atomic_read(&h->rc.refs);
	if (unlikely(count != 0)) {
		pr_warn("reftrack: not freeing object %p (allocated at %s:%u) at %s:%u: it has %d reference(s)\n",
			p, h->file ?: "?", h->line, file ?: "?", line, count);
		reftrack_note(REFTRACK_EV_FREE_REFERENCED);
		return;
	}
	__reftrack_free_mem(h, mem);
}

/**
 * __rc_krealloc() - resize a kmalloc'ed reftrack object (use rc_krealloc())
 * @p: object body, or NULL to allocate
 * @n: new body size; 0 frees like rc_kfree()
 * @gfp: allocation flags
 * @file: call site (NULL unless REFTRACK_DEBUG)
 * @line: call line
 *
 * An object with references besides the caller's own (count above 1, or
 * saturated) is only resized in place: moving it would leave the other
 * holders with dangling pointers, so that request is reported and refused.
 * The count moves with the object. Objects from vmalloc are refused.
 *
 * Return: the (possibly moved) body, or NULL with @p untouched on failure
 * or refusal; NULL after freeing when @n is 0.
 */
REFTRACK_HEAP_FN static inline void *
__rc_krealloc(const void *p, size_t n, gfp_t gfp, const char *file, unsigned int line)
{
	struct reftrack_hdr *h, *nh;
	size_t total;
	int count;

	if (!p)
		return __rc_alloc(n, gfp, REFTRACK_MEM_KMALLOC, file, line);
	if (!n) {
		__rc_free(p, REFTRACK_MEM_KMALLOC, file, line);
		return NULL;
	}
	h = reftrack_hdr(p);
	if (!__reftrack_mark_ok(h, "rc_krealloc"))
		return NULL;
	if (unlikely(check_add_overflow(n, sizeof(*h), &total))) {
		pr_warn("reftrack: realloc of %p to %zu bytes overflows\n", p, n);
		reftrack_note(REFTRACK_EV_BAD_SIZE);
		return NULL;
	}
	if (unlikely(is_vmalloc_addr(h))) {
		pr_warn("reftrack: rc_krealloc of vmalloc object %p refused\n", p);
		return NULL;
	}
	/*
	 * Only the caller's reference (count 1) or none (0) may move: nobody
	 * else can take a new one meanwhile, since that needs a reference.
	 */
	count = atomic_read(&h->rc.refs);
	if ((count < 0 || count > 1) && ksize(h) < total) {
		pr_warn("reftrack: refusing to move object %p at %s:%u: %d other reference(s) would dangle\n",
			p, file ?: "?", line, count < 0 ? count : count - 1);
		reftrack_note(REFTRACK_EV_REALLOC_REFUSED);
		return NULL;
	}
	nh = krealloc(h, total, gfp);
	return nh ? nh + 1 : NULL;
}

/**
 * __reftrack_inc() - take a reference, allowing 0 -> 1
 * @r: the count
 *
 * refcount_inc() treats 0 as freed; here 0 means "fresh, not yet taken", so
 * this is refcount_inc() without that check, with the same saturation.
 * Relaxed ordering, as refcount_inc(): the caller already owns the object.
 */
static inline void __reftrack_inc(refcount_t *r)
{
	int old = atomic_fetch_add_relaxed(1, &r->refs);

	if (unlikely(old < 0 || old == REFCOUNT_MAX))
		refcount_warn_saturate(r, REFCOUNT_ADD_OVF);
}

/**
 * __reftrack_addref() - take a reference on any reftrack object
 * @p: object body, may be NULL
 */
REFTRACK_IGNORE static inline void __reftrack_addref(const void *p)
{
	struct reftrack_hdr *h;

	if (!p)
		return;
	h = reftrack_hdr(p);
	if (__reftrack_mark_ok(h, "addref"))
		__reftrack_inc(&h->rc);
}

/**
 * __reftrack_put() - drop a reference
 * @p: object body, may be NULL
 *
 * refcount_dec_and_test() semantics: release ordering on the decrement and
 * acquire ordering when it reaches 0, so the destructor sees every store the
 * other holders made; an underflow or a saturated count warns and is never
 * reported as the last reference.
 *
 * Return: true if that was the last reference: the caller destroys and
 * frees with __reftrack_release().
 */
static inline bool __reftrack_put(const void *p)
{
	struct reftrack_hdr *h;

	if (!p)
		return false;
	h = reftrack_hdr(p);
	if (!__reftrack_mark_ok(h, "removeref"))
		return false;
	return refcount_dec_and_test(&h->rc);
}

/**
 * __reftrack_release() - run the per-object destructor and free the memory
 * @p: object body whose last reference was just dropped
 */
static inline void __reftrack_release(const void *p)
{
	struct reftrack_hdr *h = reftrack_hdr(p);

	if (h->dtor)
		h->dtor((void *)p);
	__reftrack_free_mem(h, REFTRACK_MEM_KVMALLOC);
}

/**
 * reftrack_addref() - take a reference on a reftrack object
 * @p: object body, may be NULL
 */
static inline void reftrack_addref(const void *p)
{
	__reftrack_addref(p);
}

/**
 * reftrack_removeref() - drop a reference; the last one destroys and frees
 * @p: object body, may be NULL
 */
static inline void reftrack_removeref(const void *p)
{
	if (__reftrack_put(p))
		__reftrack_release(p);
}

/**
 * reftrack_set_dtor() - set the destructor the last reftrack_removeref() runs
 * @p: object body (not NULL)
 * @dtor: destructor, called with the body before the memory is freed
 */
static inline void reftrack_set_dtor(const void *p, void (*dtor)(void *body))
{
	reftrack_hdr(p)->dtor = dtor;
}

/**
 * REFTRACK_STRUCT() - declare a tracked struct and its reference functions
 * @S: struct tag
 *
 * Declares S_addref(), S_removeref() and S_destroy(), then expands to
 * "struct S" so that "REFTRACK_STRUCT(S) { ... };" defines the struct.
 * REFTRACK_EPILOG(S) or REFTRACK_EPILOG_WITH_DTOR(S) must follow in the same
 * translation unit. S_destroy() has external linkage (a static prototype
 * that is never defined breaks -Werror builds): define it, non-static, in
 * one .c file when REFTRACK_EPILOG_WITH_DTOR() is used.
 */
#define REFTRACK_STRUCT(S)						\
	struct S;							\
	static inline void S##_addref(const struct S *p);		\
	static inline void S##_removeref(const struct S *p);		\
	REFTRACK_IGNORE void S##_destroy(struct S *p);			\
	struct REFTRACK(S) S

#define __REFTRACK_DEFINE(S, DTOR)					\
	static inline void S##_addref(const struct S *p)		\
	{								\
		__reftrack_addref(p);					\
	}								\
	static inline void S##_removeref(const struct S *p)		\
	{								\
		if (__reftrack_put(p)) {				\
			DTOR((struct S *)p);				\
			__reftrack_release(p);				\
		}							\
	}								\
	/* addref and yield @p: a counted call argument */		\
	static inline __maybe_unused struct S *S##_getref(const struct S *p) \
	{								\
		S##_addref(p);						\
		return (struct S *)p;					\
	}								\
	/* the plugin's assignment as an expression */			\
	static inline __maybe_unused struct S *				\
		S##_assign(struct S **pp, const struct S *q)		\
	{								\
		S##_addref(q);						\
		S##_removeref(*pp);					\
		return *pp = (struct S *)q;				\
	}								\
	/* the cleanup of REFTRACK_LOCAL() and REFTRACK_PARAM() */	\
	static inline __maybe_unused void				\
		S##_release_ref_(struct S **const *guard)		\
	{								\
		S##_removeref(**guard);					\
	}

/**
 * reftrack_getref() - addref @p and yield it
 * @p: pointer to a reftrack object of a type without its own helpers
 */
#define reftrack_getref(p)						\
	({ typeof(p) __rt_p = (p); reftrack_addref(__rt_p); __rt_p; })

/**
 * reftrack_assign() - addref(@q), removeref(*@pp), *@pp = @q; yields @q
 * @pp: address of the pointer stored to
 * @q: the new value, evaluated once
 */
#define reftrack_assign(pp, q)						\
	({ typeof(*(pp)) __rt_q = (q);					\
	   reftrack_addref(__rt_q); reftrack_removeref(*(pp));		\
	   *(pp) = __rt_q; })

/* the cleanup of a guard declared by REFTRACK_LOCAL(reftrack, x) */
static inline __maybe_unused void reftrack_release_ref_(const void *guard)
{
	reftrack_removeref(**(void *const *const *)guard);
}

/*
 * The guards: the compiler's cleanup attribute, as __free() of
 * linux/cleanup.h (Linux 6.5; 6.1 has none), so that every way out of a
 * block releases its counted locals, as the reftrack plugin does.
 */

/**
 * REFTRACK_LOCAL() - count local @x: a reference to its initial value,
 * released whenever @x goes out of scope
 * @S: struct tag (reftrack: a type without its own helpers)
 * @x: the local, declared just before
 */
#define REFTRACK_LOCAL(S, x)						\
	struct S **const x##_ref_guard_					\
	__attribute__((__cleanup__(S##_release_ref_))) __maybe_unused = \
		({ S##_addref(x); (struct S **)&(x); })

/**
 * REFTRACK_LOCAL_NULL() - REFTRACK_LOCAL() of a local declared without a
 * value: @x starts as NULL
 * @S: struct tag
 * @x: the local
 */
#define REFTRACK_LOCAL_NULL(S, x)					\
	struct S **const x##_ref_guard_					\
	__attribute__((__cleanup__(S##_release_ref_))) __maybe_unused = \
		({ (x) = NULL; (struct S **)&(x); })

/**
 * REFTRACK_PARAM() - release parameter @p on every return (the caller
 * passed the reference)
 * @S: struct tag
 * @p: the parameter
 */
#define REFTRACK_PARAM(S, p)						\
	struct S **const p##_ref_guard_					\
	__attribute__((__cleanup__(S##_release_ref_))) __maybe_unused =	\
		(struct S **)&(p)

/**
 * REFTRACK_MEMBER() - release member @lv of a local struct whenever the
 * local goes out of scope
 * @S: struct tag of the pointee
 * @lv: the member, as x.field or x.member.field
 */
#define REFTRACK_MEMBER(S, lv)						\
	typeof(&(lv)) const __UNIQUE_ID(reftrack_guard)			\
	__attribute__((__cleanup__(S##_release_ref_))) __maybe_unused = &(lv)

/**
 * REFTRACK_PROLOG() - declare struct S and its helpers (the plugin's form)
 * @S: struct tag
 */
#define REFTRACK_PROLOG(S)						\
	struct S;							\
	static inline void S##_addref(const struct S *p);		\
	static inline void S##_removeref(const struct S *p);

/**
 * REFTRACK_DEF_CTOR() - define ``struct S *S_create(void)``: a zeroed
 * object with count 0 (GFP_KERNEL), or NULL
 * @S: struct tag
 */
#define REFTRACK_DEF_CTOR(S)						\
	static inline __maybe_unused struct S *S##_create(void)		\
	{								\
		return rc_kzalloc(sizeof(struct S), GFP_KERNEL);	\
	}

/**
 * REFTRACK_EPILOG() - define S_addref() and S_removeref()
 * @S: struct tag declared with REFTRACK_STRUCT()
 */
#define REFTRACK_EPILOG(S)		__REFTRACK_DEFINE(S, REFTRACK_NOP)

/**
 * REFTRACK_EPILOG_WITH_DTOR() - as REFTRACK_EPILOG(), calling S_destroy()
 * @S: struct tag declared with REFTRACK_STRUCT(); the caller defines
 *     S_destroy(), which runs before the memory is released
 */
#define REFTRACK_EPILOG_WITH_DTOR(S)	__REFTRACK_DEFINE(S, S##_destroy)

/* The calls behind the rc_* macros, passing the call site under REFTRACK_DEBUG. */
#define __RC_ALLOC(n, gfp, mem) \
	__rc_alloc(n, gfp, mem, __REFTRACK_FILE, __REFTRACK_LINE)
#define __RC_ARRAY(n, size, gfp) \
	__rc_alloc_array(n, size, gfp, REFTRACK_MEM_KMALLOC, __REFTRACK_FILE, __REFTRACK_LINE)
#define __RC_FREE(p, mem)		__rc_free(p, mem, __REFTRACK_FILE, __REFTRACK_LINE)

/**
 * rc_kmalloc() - kmalloc() a reftrack object with count 0
 * @n: body size
 * @gfp: allocation flags
 */
#define rc_kmalloc(n, gfp)	__RC_ALLOC(n, gfp, REFTRACK_MEM_KMALLOC)
/**
 * rc_kzalloc() - kzalloc() a reftrack object with count 0
 * @n: body size
 * @gfp: allocation flags
 */
#define rc_kzalloc(n, gfp) \
	__RC_ALLOC(n, (gfp) | __GFP_ZERO, REFTRACK_MEM_KMALLOC)
/**
 * rc_kmalloc_array() - kmalloc_array() as one reftrack object, count 0
 * @n: number of elements
 * @size: element size
 * @gfp: allocation flags
 */
#define rc_kmalloc_array(n, size, gfp)	__RC_ARRAY(n, size, gfp)
/**
 * rc_kcalloc() - kcalloc() as one reftrack object, count 0
 * @n: number of elements
 * @size: element size
 * @gfp: allocation flags
 */
#define rc_kcalloc(n, size, gfp)	__RC_ARRAY(n, size, (gfp) | __GFP_ZERO)
/**
 * rc_krealloc() - krealloc() that refuses to move a shared object
 * @p: object body or NULL
 * @n: new size
 * @gfp: allocation flags
 */
#define rc_krealloc(p, n, gfp) \
	__rc_krealloc(p, n, gfp, __REFTRACK_FILE, __REFTRACK_LINE)
/**
 * rc_vmalloc() - vmalloc() a reftrack object with count 0
 * @n: body size
 */
#define rc_vmalloc(n)		__RC_ALLOC(n, GFP_KERNEL, REFTRACK_MEM_VMALLOC)
/**
 * rc_vzalloc() - vzalloc() a reftrack object with count 0
 * @n: body size
 */
#define rc_vzalloc(n) \
	__RC_ALLOC(n, GFP_KERNEL | __GFP_ZERO, REFTRACK_MEM_VMALLOC)
/**
 * rc_kvmalloc() - kvmalloc() a reftrack object with count 0
 * @n: body size
 * @gfp: allocation flags (GFP_KERNEL compatible)
 */
#define rc_kvmalloc(n, gfp)	__RC_ALLOC(n, gfp, REFTRACK_MEM_KVMALLOC)
/**
 * rc_kvzalloc() - kvzalloc() a reftrack object with count 0
 * @n: body size
 * @gfp: allocation flags (GFP_KERNEL compatible)
 */
#define rc_kvzalloc(n, gfp) \
	__RC_ALLOC(n, (gfp) | __GFP_ZERO, REFTRACK_MEM_KVMALLOC)
/**
 * rc_kfree() - free an unreferenced kmalloc'ed reftrack object
 * @p: object body or NULL
 */
#define rc_kfree(p)		__RC_FREE(p, REFTRACK_MEM_KMALLOC)
/**
 * rc_vfree() - free an unreferenced vmalloc'ed reftrack object
 * @p: object body or NULL
 */
#define rc_vfree(p)		__RC_FREE(p, REFTRACK_MEM_VMALLOC)
/**
 * rc_kvfree() - free an unreferenced reftrack object from any allocator
 * @p: object body or NULL
 */
#define rc_kvfree(p)		__RC_FREE(p, REFTRACK_MEM_KVMALLOC)

#endif /* _LINUX_REFCONV_REFTRACK_H */
