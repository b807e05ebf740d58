/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reference count checking (perf's tools/lib/perf/include/internal/rc_check.h),
 * the target of cocci/rc_check.cocci.
 *
 * With checking on, every get allocates an indirection object that points at
 * the real struct, and the matching put frees it: a missed put shows up as a
 * leak (LeakSanitizer names the get's stack), a double put as a double free
 * and a use after put as a use after free (AddressSanitizer). With checking
 * off the macros are the plain pointer operations: zero cost, same source.
 *
 * Checking is on under AddressSanitizer or LeakSanitizer, or when
 * REFCNT_CHECKING is defined; define it the same way for the whole program.
 *
 *	DECLARE_RC_STRUCT(cpu_map) { refcount_t refcnt; int nr; };
 *
 *	struct cpu_map *cpu_map__new(void)
 *	{
 *		RC_STRUCT(cpu_map) *map = malloc(sizeof(*map));
 *		struct cpu_map *result;
 *
 *		if (ADD_RC_CHK(result, map))
 *			refcount_set(&map->refcnt, 1);
 *		return result;
 *	}
 *	int cpu_map__nr(struct cpu_map *m) { return RC_CHK_ACCESS(m)->nr; }
 *
 * Differences from perf: statement macros are do { } while (0) (perf's
 * RC_CHK_PUT() was a bare block, wrong before an else) and each argument is
 * evaluated once.
 */
#ifndef REFCONV_RC_CHECK_H
#define REFCONV_RC_CHECK_H

#include <stdlib.h>

#if !defined(REFCNT_CHECKING)
#if defined(__SANITIZE_ADDRESS__) || defined(LEAK_SANITIZER) || \
	defined(ADDRESS_SANITIZER)
#define REFCNT_CHECKING 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
#define REFCNT_CHECKING 1
#endif
#endif
#endif

#ifndef REFCNT_CHECKING

/**
 * DECLARE_RC_STRUCT() - start the definition of a checked struct
 * @name: struct tag; follow with the body: ``DECLARE_RC_STRUCT(x) { ... };``
 */
#define DECLARE_RC_STRUCT(name) struct name

/**
 * RC_STRUCT() - the type of the real object (not of a checked pointer)
 * @name: struct tag
 */
#define RC_STRUCT(name) struct name

/**
 * ADD_RC_CHK() - give a new object its first checked pointer
 * @result: variable receiving the checked pointer (NULL if @object is NULL
 *          or, when checking, if the indirection cannot be allocated)
 * @object: the real object (RC_STRUCT(name) *)
 *
 * Return: @result, so it can be tested.
 */
#define ADD_RC_CHK(result, object) ((result) = (object))

/**
 * RC_CHK_ACCESS() - the real object behind a checked pointer
 * @object: checked pointer
 */
#define RC_CHK_ACCESS(object) (object)

/**
 * RC_CHK_FREE() - free the real object and the checked pointer
 * @object: checked pointer
 */
#define RC_CHK_FREE(object) free(object)

/**
 * RC_CHK_GET() - make a new checked pointer for a get
 * @result: variable receiving the new checked pointer
 * @object: existing checked pointer (may be NULL)
 *
 * Return: @result.
 */
#define RC_CHK_GET(result, object) ADD_RC_CHK(result, object)

/**
 * RC_CHK_PUT() - drop a checked pointer after a put that was not the last
 * @object: checked pointer (not usable afterwards)
 */
#define RC_CHK_PUT(object) do { (void)(object); } while (0)

/**
 * RC_CHK_EQUAL() - whether two checked pointers refer to the same object
 * @a: checked pointer
 * @b: checked pointer
 */
#define RC_CHK_EQUAL(a, b) ((a) == (b))

#else /* REFCNT_CHECKING */

#define DECLARE_RC_STRUCT(name)						\
	struct original_##name;						\
	struct name {							\
		struct original_##name *orig;				\
	};								\
	struct original_##name

#define RC_STRUCT(name) struct original_##name

#define ADD_RC_CHK(result, object)					\
	({								\
		__typeof__(object) rc_chk_obj_ = (object);		\
		(result) = rc_chk_obj_ ? malloc(sizeof(*(result))) : NULL; \
		if (result)						\
			(result)->orig = rc_chk_obj_;			\
		(result);						\
	})

#define RC_CHK_ACCESS(object) ((object)->orig)

#define RC_CHK_FREE(object)						\
	do {								\
		__typeof__(object) rc_chk_obj_ = (object);		\
									\
		if (rc_chk_obj_) {					\
			free(rc_chk_obj_->orig);			\
			rc_chk_obj_->orig = NULL;			\
			free(rc_chk_obj_);				\
		}							\
	} while (0)

#define RC_CHK_GET(result, object)					\
	({								\
		__typeof__(object) rc_chk_src_ = (object);		\
		ADD_RC_CHK(result, rc_chk_src_ ? rc_chk_src_->orig : NULL); \
	})

#define RC_CHK_PUT(object)						\
	do {								\
		__typeof__(object) rc_chk_obj_ = (object);		\
									\
		if (rc_chk_obj_) {					\
			rc_chk_obj_->orig = NULL;			\
			free(rc_chk_obj_);				\
		}							\
	} while (0)

#define RC_CHK_EQUAL(a, b)						\
	({								\
		__typeof__(a) rc_chk_a_ = (a);				\
		__typeof__(a) rc_chk_b_ = (b);				\
		rc_chk_a_ == rc_chk_b_ ||				\
		(rc_chk_a_ && rc_chk_b_ && rc_chk_a_->orig == rc_chk_b_->orig); \
	})

#endif /* REFCNT_CHECKING */

#endif /* REFCONV_RC_CHECK_H */
