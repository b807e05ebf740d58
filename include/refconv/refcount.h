/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace refcount_t with the kernel's names and semantics
 * (include/linux/refcount.h, lib/refcount.c).
 *
 * The count saturates: on overflow, on an increment from zero and on an
 * underflow it is set to REFCOUNT_SATURATED (INT_MIN / 2) and stays there, so
 * the object leaks instead of being freed while still in use. Each such event
 * is reported on stderr once per call site ("file:line: WARNING: refcount_t:
 * ..."); the public operations are macros so that the site is the caller's.
 *
 * Memory ordering, as in the kernel: increments and the *_not_zero family are
 * relaxed (the caller already holds a reference or otherwise knows the object
 * is stable; a successful *_not_zero still orders later stores by its control
 * dependency). Every decrement is a release, so that the owner's earlier
 * accesses to the object happen before whoever frees it; a decrement that
 * reaches zero (dec_and_test, sub_and_test, dec_if_one's caller, the lock
 * variants) is followed by an acquire fence so that the freeing thread sees
 * all of them.
 */
#ifndef REFCONV_REFCOUNT_H
#define REFCONV_REFCOUNT_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>

#include <refconv/atomic.h>

/**
 * typedef refcount_t - a saturating reference count
 * @refs: the count; use the accessors, never the field
 */
typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

/**
 * REFCOUNT_INIT() - static initializer for refcount_t
 * @n: initial count
 */
#define REFCOUNT_INIT(n) { .refs = ATOMIC_INIT(n), }
/** REFCOUNT_MAX - the largest count that is not an overflow */
#define REFCOUNT_MAX INT_MAX
/** REFCOUNT_SATURATED - where a count that went wrong is parked for good */
#define REFCOUNT_SATURATED (INT_MIN / 2)

/**
 * enum refcount_saturation_type - what went wrong, for refcount_warn_saturate()
 * @REFCOUNT_ADD_NOT_ZERO_OVF: overflow in add_not_zero/inc_not_zero
 * @REFCOUNT_ADD_OVF: overflow in add/inc
 * @REFCOUNT_ADD_UAF: add/inc on a count of zero
 * @REFCOUNT_SUB_UAF: a decrement went below zero
 * @REFCOUNT_DEC_LEAK: a plain refcount_dec() reached zero
 * @REFCOUNT_DEC_NOT_ONE_UAF: refcount_dec_not_one() found zero; as in the
 *	kernel the count is left as it is
 */
enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
	REFCOUNT_DEC_NOT_ONE_UAF,
};

/**
 * refcount_warn_saturate_at() - report a refcount error and saturate the count
 * @r: the count (set to REFCOUNT_SATURATED, except for
 *     REFCOUNT_DEC_NOT_ONE_UAF)
 * @t: what went wrong
 * @file: caller's file
 * @line: caller's line
 *
 * Prints one warning per call site (later events at the same site are only
 * counted, see refcount_warn_count()).
 */
void refcount_warn_saturate_at(refcount_t *r, enum refcount_saturation_type t,
			       const char *file, int line);

/**
 * refcount_warn_saturate() - report a refcount error at the caller's site
 * @r: the count (saturated as by refcount_warn_saturate_at())
 * @t: what went wrong
 *
 * The kernel's name, for code that detects an error itself (as the reftrack
 * heap does) and wants the standard report and saturation.
 */
#define refcount_warn_saturate(r, t) \
	refcount_warn_saturate_at((r), (t), __FILE__, __LINE__)

/**
 * refcount_warn_count() - number of refcount errors seen so far
 *
 * Counts every event, including the ones whose warning was suppressed
 * because their call site had already warned. Meant for tests.
 *
 * Return: the number of events since the program started.
 */
unsigned long refcount_warn_count(void);

/**
 * refcount_set() - set the count (relaxed)
 * @r: the count
 * @n: new value
 */
static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

/**
 * refcount_read() - read the count (relaxed)
 * @r: the count
 *
 * Return: the count; REFCOUNT_SATURATED reads as a large unsigned value.
 */
static inline unsigned int refcount_read(const refcount_t *r)
{
	return (unsigned int)atomic_read(&r->refs);
}

/* old + i would leave the valid range (including signed overflow) */
static inline bool refcount_add_bad_(int old, int i)
{
	int new;

	return old < 0 || __builtin_add_overflow(old, i, &new) || new < 0;
}

static inline bool refcount_add_not_zero_at(int i, refcount_t *r,
					    const char *file, int line)
{
	int old = atomic_read(&r->refs);

	do {
		if (!old)
			break;
	} while (!atomic_compare_exchange_weak_explicit(&r->refs.counter, &old,
			(int)((unsigned int)old + (unsigned int)i),
			memory_order_relaxed, memory_order_relaxed));
	if (__builtin_expect(refcount_add_bad_(old, i), 0))
		refcount_warn_saturate_at(r, REFCOUNT_ADD_NOT_ZERO_OVF, file, line);
	return old;
}

static inline void refcount_add_at(int i, refcount_t *r, const char *file,
				   int line)
{
	int old = atomic_fetch_add_explicit(&r->refs.counter, i,
					    memory_order_relaxed);

	if (__builtin_expect(!old, 0))
		refcount_warn_saturate_at(r, REFCOUNT_ADD_UAF, file, line);
	else if (__builtin_expect(refcount_add_bad_(old, i), 0))
		refcount_warn_saturate_at(r, REFCOUNT_ADD_OVF, file, line);
}

static inline bool refcount_sub_and_test_at(int i, refcount_t *r,
					    const char *file, int line)
{
	int old = atomic_fetch_sub_explicit(&r->refs.counter, i,
					    memory_order_release);

	if (old == i) {
		acquire_after_dec_(&r->refs.counter);
		return true;
	}
	if (__builtin_expect(old < 0 || old < i, 0))
		refcount_warn_saturate_at(r, REFCOUNT_SUB_UAF, file, line);
	return false;
}

static inline void refcount_dec_at(refcount_t *r, const char *file, int line)
{
	if (__builtin_expect(atomic_fetch_sub_explicit(&r->refs.counter, 1,
			memory_order_release) <= 1, 0))
		refcount_warn_saturate_at(r, REFCOUNT_DEC_LEAK, file, line);
}

/**
 * refcount_add_not_zero() - add unless the count is zero
 * @i: addend
 * @r: the count
 *
 * Relaxed; saturates and warns on overflow.
 *
 * Return: false if the count was zero (nothing added), true otherwise.
 */
#define refcount_add_not_zero(i, r) \
	refcount_add_not_zero_at((i), (r), __FILE__, __LINE__)

/**
 * refcount_inc_not_zero() - increment unless the count is zero
 * @r: the count
 *
 * Return: false if the count was zero (nothing added), true otherwise.
 */
#define refcount_inc_not_zero(r) refcount_add_not_zero_at(1, (r), __FILE__, __LINE__)

/**
 * refcount_add() - add to a count the caller already holds a reference on
 * @i: addend
 * @r: the count
 *
 * Relaxed. Warns and saturates on an addition to zero (use after free) and
 * on overflow.
 */
#define refcount_add(i, r) refcount_add_at((i), (r), __FILE__, __LINE__)

/**
 * refcount_inc() - take one more reference
 * @r: the count
 *
 * Relaxed. Warns and saturates on an increment from zero and on overflow.
 */
#define refcount_inc(r) refcount_add_at(1, (r), __FILE__, __LINE__)

/**
 * refcount_sub_and_test() - drop @i references
 * @i: subtrahend
 * @r: the count
 *
 * Release; acquire as well when it returns true. Warns and saturates on
 * underflow; a saturated count never reaches zero.
 *
 * Return: true if the count reached zero (the caller frees the object).
 */
#define refcount_sub_and_test(i, r) \
	refcount_sub_and_test_at((i), (r), __FILE__, __LINE__)

/**
 * refcount_dec_and_test() - drop one reference
 * @r: the count
 *
 * Return: true if the count reached zero (the caller frees the object).
 */
#define refcount_dec_and_test(r) refcount_sub_and_test_at(1, (r), __FILE__, __LINE__)

/**
 * refcount_dec() - drop a reference that is known not to be the last
 * @r: the count
 *
 * Release. Reaching zero here would leak the object: warns and saturates.
 */
#define refcount_dec(r) refcount_dec_at((r), __FILE__, __LINE__)

/**
 * refcount_dec_if_one() - drop the reference only if it is the last one
 * @r: the count
 *
 * Release on success. A "try to delete" for counts that are 1 when unused.
 *
 * Return: true if the count went from 1 to 0.
 */
static inline bool refcount_dec_if_one(refcount_t *r)
{
	int one = 1;

	return atomic_compare_exchange_strong_explicit(&r->refs.counter, &one, 0,
						       memory_order_release,
						       memory_order_relaxed);
}

static inline bool refcount_dec_not_one_at(refcount_t *r, const char *file,
					   int line)
{
	unsigned int new, val = refcount_read(r);

	do {
		if (__builtin_expect(val == (unsigned int)REFCOUNT_SATURATED, 0))
			return true;
		if (val == 1)
			return false;
		new = val - 1;
		if (new > val) {
			refcount_warn_saturate_at(r, REFCOUNT_DEC_NOT_ONE_UAF, file,
						  line);
			return true;
		}
	} while (!atomic_compare_exchange_weak_explicit(&r->refs.counter,
			(int *)&val, (int)new, memory_order_release,
			memory_order_relaxed));
	return true;
}

/**
 * refcount_dec_not_one() - decrement unless the count is 1
 * @r: the count
 *
 * Release on success. A saturated count is left alone (and reported as
 * decremented); an underflow warns.
 *
 * Return: true if decremented (or saturated), false if the count was 1.
 */
#define refcount_dec_not_one(r) refcount_dec_not_one_at((r), __FILE__, __LINE__)

static inline bool refcount_dec_and_lock_at(refcount_t *r,
					    pthread_mutex_t *lock,
					    const char *file, int line)
{
	if (refcount_dec_not_one_at(r, file, line))
		return false;
	pthread_mutex_lock(lock);
	if (!refcount_sub_and_test_at(1, r, file, line)) {
		pthread_mutex_unlock(lock);
		return false;
	}
	return true;
}

/**
 * refcount_dec_and_lock() - drop a reference; take @lock if it was the last
 * @r: the count
 * @lock: the mutex that protects lookups of the object
 *
 * The kernel's version takes a spinlock_t; userspace uses a pthread mutex.
 *
 * Return: true with @lock held if the count reached zero, false otherwise.
 */
#define refcount_dec_and_lock(r, lock) \
	refcount_dec_and_lock_at((r), (lock), __FILE__, __LINE__)

/**
 * refcount_dec_and_mutex_lock() - drop a reference; take @lock if it was the
 * last
 * @r: the count
 * @lock: the mutex that protects lookups of the object
 *
 * Return: true with @lock held if the count reached zero, false otherwise.
 */
#define refcount_dec_and_mutex_lock(r, lock) \
	refcount_dec_and_lock_at((r), (lock), __FILE__, __LINE__)

#endif /* REFCONV_REFCOUNT_H */
