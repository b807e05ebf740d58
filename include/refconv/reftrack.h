/* SPDX-License-Identifier: GPL-2.0 */
/*
 * reftrack heap: objects allocated with a reference-count header in front,
 * the target of cocci/reftrack.cocci (and of the reftrack GCC plugin).
 *
 * A fresh object has count 0: the first pointer that takes it does addref,
 * and the removeref that drops the last reference runs the destructor and
 * frees the memory. rc_free() of an object that still has references warns
 * and leaves it alone. Counts have refcount_t semantics: an overflow, or a
 * removeref of an object nobody references, saturates the count at
 * REFCOUNT_SATURATED with a warning, and a saturated object is never freed.
 *
 * The header carries a mark derived from its own address. It is checked on
 * every call to catch foreign pointers (stack, plain malloc) cheaply, but it
 * is advisory: a freed object's header is never read to decide anything.
 * Stale and double frees are found exactly only in a REFTRACK_DEBUG build,
 * which keeps a table of live objects (with their allocation site) and looks
 * a pointer up there before touching its header; live objects are listed at
 * exit. Define REFTRACK_DEBUG for the whole program or not at all: an object
 * allocated by a non-debug file is unknown to the table.
 *
 * Thread safety: counts are atomic (increments relaxed, decrements release
 * with an acquire fence before the object is destroyed, as refcount_t); the
 * debug table is protected by a mutex.
 */
#ifndef REFCONV_REFTRACK_H
#define REFCONV_REFTRACK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <refconv/refcount.h>

/*
 * Attribute macros of the reftrack GCC plugin. They expand to the plugin's
 * attributes only when REFTRACK_PLUGIN is defined (pass it together with
 * -fplugin=reftrack); otherwise to nothing, so plain gcc and clang compile
 * tagged code with -Werror.
 */
#ifdef REFTRACK_PLUGIN
#define REFTRACK_IGNORE_FLAG 0x1
#define REFTRACK_HEAP_FN_FLAG 0x2
#define REFTRACK_DESTRUCTOR_FN_FLAG 0x4
#ifndef REFTRACK /* <refconv/hrcmm.h> defines the plugin's object-like form */
/** REFTRACK() - tag a struct as tracked: ``struct REFTRACK(S) S { ... };`` */
#define REFTRACK(...) __attribute__((__reftrack__()))
#endif
/** REFTRACK_CUSTOM() - tag a struct tracked through S_addref/S_removeref */
#define REFTRACK_CUSTOM(S) __attribute__((__reftrack__(S##_addref, S##_removeref)))
/** REFTRACK_IGNORE - the plugin leaves this function alone */
#define REFTRACK_IGNORE __attribute__((__reftrack__(REFTRACK_IGNORE_FLAG)))
/** REFTRACK_HEAP_FN - an allocator: its result is a fresh object */
#define REFTRACK_HEAP_FN \
	__attribute__((__reftrack__(REFTRACK_HEAP_FN_FLAG | REFTRACK_IGNORE_FLAG)))
/** REFTRACK_DESTRUCTOR_FN - a destructor: no counting inside */
#define REFTRACK_DESTRUCTOR_FN __attribute__((__reftrack__(REFTRACK_DESTRUCTOR_FN_FLAG)))
#else
#ifndef REFTRACK
#define REFTRACK(...)
#endif
#define REFTRACK_CUSTOM(S)
#define REFTRACK_IGNORE
#define REFTRACK_HEAP_FN
#define REFTRACK_DESTRUCTOR_FN
#endif

#ifndef UNUSED
#define UNUSED __attribute__((__unused__))
#endif
#ifndef NOINLINE
#define NOINLINE __attribute__((__noinline__))
#endif

/** REFTRACK_NOP() - a destructor that does nothing */
#define REFTRACK_NOP(x)
/** MALLOC_LIKE - the function returns fresh memory (GCC's malloc attribute) */
#define MALLOC_LIKE __attribute__((__malloc__))

/**
 * struct reftrack_hdr - what precedes every reftrack object
 * @rc: the reference count
 * @mark: REFTRACK_MARK mixed with the header's address while the object is
 *        live (advisory, see above)
 * @dtor: destructor run by the last removeref, unless the type has its own
 *
 * 16 bytes, so the object keeps malloc's alignment.
 */
struct reftrack_hdr {
	refcount_t rc;
	uint32_t mark;
	void (*dtor)(void *);
};

_Static_assert(sizeof(struct reftrack_hdr) % _Alignof(max_align_t) == 0,
	       "reftrack header must preserve malloc alignment");

/** REFTRACK_MARK - what a live header's mark is derived from (advisory) */
#define REFTRACK_MARK 0xfacebeefu

/**
 * reftrack_hdr() - header of a reftrack object
 * @body: pointer returned by one of the rc_* allocators (not NULL)
 *
 * Return: the header in front of @body.
 */
static inline struct reftrack_hdr *reftrack_hdr(const void *body)
{
	return (struct reftrack_hdr *)(uintptr_t)body - 1;
}

/* The object behind header @h: what the allocators return. */
static inline void *reftrack_body_(struct reftrack_hdr *h)
{
	return h + 1;
}

/**
 * REFTRACK_COUNT() - current reference count of an object, as an int
 * @p: reftrack object (not NULL)
 *
 * A saturated count reads as REFCOUNT_SATURATED (negative).
 */
#define REFTRACK_COUNT(p) ((int)refcount_read(&reftrack_hdr(p)->rc))

static inline uint32_t reftrack_mark_of_(const struct reftrack_hdr *h)
{
	return REFTRACK_MARK ^ (uint32_t)((uintptr_t)h >> 4);
}

/* Out-of-line slow paths and debug entry points (runtime/reftrack.c). */
void reftrack_bad_pointer_(const void *p, const char *who);
void reftrack_count_error_(const void *p, int old, const char *who);
void reftrack_release_(void *p, void (*dtor)(void *));
void reftrack_get_dbg_(const void *p, const char *who);
void reftrack_put_dbg_(const void *p, void (*dtor)(void *), const char *who);

/**
 * rc_malloc() - allocate a reftrack object
 * @n: size of the object (the header comes on top, overflow-checked)
 *
 * Return: the object with count 0, or NULL (errno ENOMEM).
 */
MALLOC_LIKE void *rc_malloc(size_t n);

/**
 * rc_calloc() - allocate a zeroed array as one reftrack object
 * @n: number of elements
 * @size: element size (n * size is overflow-checked)
 *
 * Return: the object with count 0, or NULL.
 */
MALLOC_LIKE void *rc_calloc(size_t n, size_t size);

/**
 * rc_realloc() - resize a reftrack object
 * @p: the object, or NULL (then like rc_malloc())
 * @n: new size; 0 means rc_free(@p) and returns NULL
 *
 * The object may move only while at most one reference exists (the one being
 * resized). With more, a resize that fits in the current block is done in
 * place and anything else is refused with a warning: @p is unchanged, NULL is
 * returned and errno is EBUSY.
 *
 * Return: the (possibly moved) object, or NULL.
 */
void *rc_realloc(void *p, size_t n);

/**
 * rc_free() - free a reftrack object that nobody references
 * @p: the object or NULL
 *
 * With a count of 0 the object is freed. With references left it warns and
 * does not free (the last removeref does).
 */
void rc_free(void *p);

/**
 * reftrack_set_dtor() - set the destructor the last removeref runs
 * @p: the object
 * @dtor: called with @p before the memory is freed, or NULL
 *
 * Types declared with REFTRACK_EPILOG_WITH_DTOR() use S_destroy() instead.
 */
void reftrack_set_dtor(void *p, void (*dtor)(void *));

/**
 * reftrack_live_count() - number of live REFTRACK_DEBUG objects
 *
 * Return: how many objects allocated from REFTRACK_DEBUG code are not yet
 * freed (0 when nothing was built with REFTRACK_DEBUG).
 */
size_t reftrack_live_count(void);

/**
 * reftrack_debug_report() - list live REFTRACK_DEBUG objects on stderr
 *
 * Runs at exit automatically once a debug object was allocated.
 *
 * Return: the number of objects listed.
 */
size_t reftrack_debug_report(void);

/**
 * reftrack_mem_stats() - REFTRACK_DEBUG objects allocated and freed so far
 * @allocs: set to the number of allocations
 * @frees: set to the number of frees
 */
void reftrack_mem_stats(size_t *allocs, size_t *frees);

/**
 * print_mem_stats() - print "#alloc=N, #free=N" (the plugin's hrcmm.h API)
 *
 * Counts REFTRACK_DEBUG objects only; a program may pass it to atexit().
 */
static inline UNUSED void print_mem_stats(void)
{
	size_t a, f;

	reftrack_mem_stats(&a, &f);
	printf("#alloc=%zu, #free=%zu\n", a, f);
	fflush(stdout);
}

#ifndef REFTRACK_DEBUG
/*
 * The common cases of rc_malloc() and rc_free() are inlined: a library call
 * and its checks are a fifth of a small malloc + free. Anything unusual
 * (overflow, a bad mark, references left) goes to the library for the
 * report.
 */
static inline MALLOC_LIKE void *rc_malloc_inline_(size_t n)
{
	struct reftrack_hdr *h;
	size_t total;

	if (__builtin_add_overflow(n, sizeof(*h), &total))
		return (rc_malloc)(n);
	h = (struct reftrack_hdr *)malloc(total);
	if (!h)
		return NULL;
	atomic_store_explicit(&h->rc.refs.counter, 0, memory_order_relaxed);
	h->mark = reftrack_mark_of_(h);
	h->dtor = NULL;
	return reftrack_body_(h);
}

static inline void rc_free_inline_(void *p)
{
	struct reftrack_hdr *h;

	if (!p)
		return;
	h = reftrack_hdr(p);
	if (__builtin_expect(h->mark == reftrack_mark_of_(h) &&
			     !atomic_load_explicit(&h->rc.refs.counter,
						   memory_order_acquire), 1)) {
		h->mark = 0;
		free(h);
		return;
	}
	(rc_free)(p);
}

#define rc_malloc(n) rc_malloc_inline_(n)
#define rc_free(p) rc_free_inline_(p)
#else
void *rc_malloc_dbg_(size_t n, const char *file, int line);
void *rc_calloc_dbg_(size_t n, size_t size, const char *file, int line);
void *rc_realloc_dbg_(void *p, size_t n, const char *file, int line);
void rc_free_dbg_(void *p, const char *file, int line);
#define rc_malloc(n) rc_malloc_dbg_((n), __FILE__, __LINE__)
#define rc_calloc(n, size) rc_calloc_dbg_((n), (size), __FILE__, __LINE__)
#define rc_realloc(p, n) rc_realloc_dbg_((p), (n), __FILE__, __LINE__)
#define rc_free(p) rc_free_dbg_((p), __FILE__, __LINE__)
#endif

/* The header of @p if @p carries a valid mark, else NULL (reported). */
static inline struct reftrack_hdr *reftrack_hdr_checked_(const void *p,
							  const char *who)
{
	struct reftrack_hdr *h = reftrack_hdr(p);

	if (__builtin_expect(h->mark == reftrack_mark_of_(h), 1))
		return h;
	reftrack_bad_pointer_(p, who);
	return NULL;
}

/* addref: relaxed increment that saturates instead of overflowing */
static inline void reftrack_get_(const void *p, const char *who)
{
#ifdef REFTRACK_DEBUG
	if (p)
		reftrack_get_dbg_(p, who);
#else
	struct reftrack_hdr *h;
	int old;

	if (!p || !(h = reftrack_hdr_checked_(p, who)))
		return;
	old = atomic_fetch_add_explicit(&h->rc.refs.counter, 1,
					memory_order_relaxed);
	if (__builtin_expect(old < 0 || old == REFCOUNT_MAX, 0))
		reftrack_count_error_(p, old, who);
#endif
}

/* removeref: release decrement; the last one destroys and frees */
static inline void reftrack_put_(const void *p, void (*dtor)(void *),
				 const char *who)
{
#ifdef REFTRACK_DEBUG
	if (p)
		reftrack_put_dbg_(p, dtor, who);
#else
	struct reftrack_hdr *h;
	int old;

	if (!p || !(h = reftrack_hdr_checked_(p, who)))
		return;
	old = atomic_fetch_sub_explicit(&h->rc.refs.counter, 1,
					memory_order_release);
	if (old == 1) {
		acquire_after_dec_(&h->rc.refs.counter);
		reftrack_release_((void *)(uintptr_t)p, dtor);
	} else if (__builtin_expect(old <= 0, 0)) {
		reftrack_count_error_(p, old, who);
	}
#endif
}

/**
 * reftrack_addref() - take a reference to any reftrack object
 * @p: the object or NULL
 */
static inline void reftrack_addref(const void *p)
{
	reftrack_get_(p, "reftrack_addref");
}

/**
 * reftrack_removeref() - drop a reference to any reftrack object
 * @p: the object or NULL
 *
 * The last one runs the destructor set by reftrack_set_dtor() and frees.
 */
static inline void reftrack_removeref(const void *p)
{
	reftrack_put_(p, NULL, "reftrack_removeref");
}

/**
 * reftrack_getref() - addref @p and yield it: a counted call argument
 * @p: pointer to a reftrack object of a type without its own helpers
 */
#define reftrack_getref(p)						\
	({ __typeof__(p) reftrack_p_ = (p); reftrack_addref(reftrack_p_); reftrack_p_; })

/**
 * reftrack_assign() - the plugin's assignment, as an expression
 * @pp: address of the pointer stored to
 * @q: the new value, evaluated once, before the old one is released
 *
 * addref(@q), removeref(*@pp), then *@pp = @q. Yields @q.
 */
#define reftrack_assign(pp, q)						\
	({ __typeof__(*(pp)) reftrack_q_ = (q);				\
	   reftrack_addref(reftrack_q_); reftrack_removeref(*(pp));	\
	   *(pp) = reftrack_q_; })

/* the cleanup of a guard declared by REFTRACK_LOCAL(reftrack, x) */
static inline UNUSED void reftrack_release_ref_(const void *guard)
{
	reftrack_removeref(**(void *const *const *)guard);
}

/**
 * REFTRACK_LOCAL() - count the local pointer @x: take a reference to its
 * initial value, release its value whenever @x goes out of scope
 * @S: the struct tag (reftrack: a type without its own helpers)
 * @x: the local, declared just before
 *
 * A declaration: it is the compiler's cleanup attribute, as the kernel's
 * __free() (linux/cleanup.h, not in 6.1), so that every way out of the
 * block (return, break, continue, goto, its end) releases @x, as the
 * reftrack plugin does.
 */
#define REFTRACK_LOCAL(S, x)						\
	struct S **const x##_ref_guard_					\
	__attribute__((__cleanup__(S##_release_ref_), __unused__)) =	\
		({ S##_addref(x); (struct S **)&(x); })

/**
 * REFTRACK_LOCAL_NULL() - REFTRACK_LOCAL() of a local declared without a
 * value: @x starts as NULL
 * @S: the struct tag
 * @x: the local
 */
#define REFTRACK_LOCAL_NULL(S, x)					\
	struct S **const x##_ref_guard_					\
	__attribute__((__cleanup__(S##_release_ref_), __unused__)) =	\
		({ (x) = NULL; (struct S **)&(x); })

/**
 * REFTRACK_PARAM() - the callee's side of a counted argument: release the
 * value of parameter @p on every return (the caller took the reference)
 * @S: the struct tag
 * @p: the parameter (a pointer to const struct S too: the callee only
 *      borrows it, the release is the caller's reference)
 */
#define REFTRACK_PARAM(S, p)						\
	struct S **const p##_ref_guard_					\
	__attribute__((__cleanup__(S##_release_ref_), __unused__)) =	\
		(struct S **)&(p)

#define REFTRACK_CAT2_(a, b) a##b
#define REFTRACK_CAT_(a, b) REFTRACK_CAT2_(a, b)

/**
 * REFTRACK_MEMBER() - release the tracked pointer @lv, a member of a local
 * struct, whenever that local goes out of scope (as the plugin does for the
 * tracked fields of a struct variable)
 * @S: the struct tag of the pointee
 * @lv: the member, as x.field or x.member.field
 */
#define REFTRACK_MEMBER(S, lv)						\
	__typeof__(&(lv)) const REFTRACK_CAT_(reftrack_guard_, __COUNTER__) \
	__attribute__((__cleanup__(S##_release_ref_), __unused__)) = &(lv)

/**
 * REFTRACK_PROLOG() - declare struct S and its helpers (the plugin's form:
 * ``REFTRACK_PROLOG(S) struct REFTRACK_CUSTOM(S) S { ... };``)
 * @S: struct tag
 */
#define REFTRACK_PROLOG(S)						\
	struct S;							\
	static inline void S##_addref(const struct S *);		\
	static inline void S##_removeref(const struct S *);

/**
 * REFTRACK_DEF_CTOR() - define ``struct S *S_create(void)``: a zeroed
 * object with count 0, or NULL
 * @S: struct tag
 */
#define REFTRACK_DEF_CTOR(S)						\
	static inline UNUSED struct S *S##_create(void)			\
	{								\
		struct S *p = (struct S *)rc_malloc(sizeof(struct S));	\
									\
		if (p)							\
			memset(p, 0, sizeof(*p));			\
		return p;						\
	}

/**
 * REFTRACK_STRUCT() - declare a tracked struct and its helpers
 * @S: struct tag
 *
 * Declares struct S, S_addref() and S_removeref(), then expands to
 * ``struct S`` so that ``REFTRACK_STRUCT(S) { ... };`` defines it. Follow
 * the definition with REFTRACK_EPILOG(S) or REFTRACK_EPILOG_WITH_DTOR(S).
 * S_destroy() is declared by REFTRACK_EPILOG_WITH_DTOR(), not here as in
 * the seed: a static prototype that a type without destructor never
 * defines is an error under gcc -Werror (-Wunused-function).
 */
#define REFTRACK_STRUCT(S)						\
	struct S;							\
	static inline void S##_addref(const struct S *);		\
	static inline void S##_removeref(const struct S *);		\
	struct REFTRACK_CUSTOM(S) S

/**
 * REFTRACK_EPILOG() - define S_addref() and S_removeref()
 * @S: struct tag
 *
 * Both are NULL-safe; the last S_removeref() runs the destructor set with
 * reftrack_set_dtor(), if any, and frees the object.
 */
#define REFTRACK_EPILOG(S) REFTRACK_DEFINE_REFS_(S, NULL)

/**
 * REFTRACK_EPILOG_WITH_DTOR() - like REFTRACK_EPILOG(), the last removeref
 * calling S_destroy(p) before the memory is released
 * @S: struct tag
 *
 * Declares ``void S_destroy(struct S *)``, which the program must define,
 * in this file or another (the plugin's hrcmm.h declares it extern too).
 */
#define REFTRACK_EPILOG_WITH_DTOR(S)					\
	REFTRACK_DESTRUCTOR_FN void S##_destroy(struct S *);		\
	static void S##_destroy_thunk_(void *p)				\
	{								\
		S##_destroy((struct S *)p);				\
	}								\
	REFTRACK_DEFINE_REFS_(S, S##_destroy_thunk_)

#define REFTRACK_DEFINE_REFS_(S, dtor)					\
	static inline __attribute__((__unused__)) void	\
		S##_addref(const struct S *p)		\
	{								\
		reftrack_get_(p, #S "_addref");				\
	}								\
	static inline __attribute__((__unused__)) void	\
		S##_removeref(const struct S *p)		\
	{								\
		reftrack_put_(p, dtor, #S "_removeref");		\
	}								\
	/* addref and yield @p: a counted call argument */		\
	static inline __attribute__((__unused__)) struct S *		\
		S##_getref(const struct S *p)			\
	{								\
		S##_addref(p);						\
		return (struct S *)(uintptr_t)p;			\
	}								\
	/* the plugin's assignment as an expression: addref(q),	\
	 * removeref(*pp), *pp = q; yields q */			\
	static inline __attribute__((__unused__)) struct S *		\
		S##_assign(struct S **pp, const struct S *q)		\
	{								\
		S##_addref(q);						\
		S##_removeref(*pp);					\
		return *pp = (struct S *)(uintptr_t)q;			\
	}								\
	/* the cleanup of REFTRACK_LOCAL() and REFTRACK_PARAM() */	\
	static inline __attribute__((__unused__)) void		\
		S##_release_ref_(struct S **const *guard)		\
	{								\
		S##_removeref(**guard);					\
	}

#endif /* REFCONV_REFTRACK_H */
