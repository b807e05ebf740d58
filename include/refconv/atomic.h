/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace atomic_t with the kernel's names and memory ordering, on C11
 * atomics, so that kernel-style userspace code (perf's tools/include, for
 * example) compiles before and after a refcount.cocci conversion.
 *
 * Ordering follows Documentation/atomic_t.txt: plain operations (read, set,
 * inc, dec, add, sub) are relaxed; operations that return a value (the
 * *_return, fetch_*, *_and_test, xchg, cmpxchg, and the conditional ones when
 * they succeed) are fully ordered (seq_cst).
 *
 * <stdatomic.h> defines atomic_fetch_add() and atomic_fetch_sub() as generic
 * macros with the operands the other way round; this header replaces them
 * with the kernel's functions. Use the *_explicit C11 forms in a file that
 * also needs the C11 meaning.
 */
#ifndef REFCONV_ATOMIC_H
#define REFCONV_ATOMIC_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#undef atomic_fetch_add
#undef atomic_fetch_sub

/*
 * acquire_after_dec_() - make the thread that dropped the last reference see
 * every earlier owner's accesses (their decrements are releases).
 * @c: the _Atomic int just decremented
 *
 * An acquire fence normally; ThreadSanitizer does not model fences (gcc
 * refuses them), so under TSan an acquire load of the counter, which reads
 * the value of our own decrement and so synchronizes with every release
 * decrement before it (they form one release sequence).
 */
#if defined(__SANITIZE_THREAD__)
#define acquire_after_dec_(c) ((void)atomic_load_explicit((c), memory_order_acquire))
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define acquire_after_dec_(c) ((void)atomic_load_explicit((c), memory_order_acquire))
#endif
#endif
#ifndef acquire_after_dec_
#define acquire_after_dec_(c) atomic_thread_fence(memory_order_acquire)
#endif

/**
 * typedef atomic_t - an int that is only accessed atomically
 * @counter: the value; use the accessors, never the field
 */
typedef struct {
	_Atomic int counter;
} atomic_t;

/**
 * ATOMIC_INIT() - static initializer for atomic_t
 * @i: initial value
 */
#define ATOMIC_INIT(i) { (i) }

/**
 * atomic_read() - load the value (relaxed)
 * @v: the atomic
 *
 * Return: the value.
 */
static inline int atomic_read(const atomic_t *v)
{
	return atomic_load_explicit(&((atomic_t *)v)->counter, memory_order_relaxed);
}

/**
 * atomic_set() - store a value (relaxed)
 * @v: the atomic
 * @i: new value
 */
static inline void atomic_set(atomic_t *v, int i)
{
	atomic_store_explicit(&v->counter, i, memory_order_relaxed);
}

/**
 * atomic_add() - add without ordering or result
 * @i: addend
 * @v: the atomic
 */
static inline void atomic_add(int i, atomic_t *v)
{
	atomic_fetch_add_explicit(&v->counter, i, memory_order_relaxed);
}

/**
 * atomic_sub() - subtract without ordering or result
 * @i: subtrahend
 * @v: the atomic
 */
static inline void atomic_sub(int i, atomic_t *v)
{
	atomic_fetch_sub_explicit(&v->counter, i, memory_order_relaxed);
}

/**
 * atomic_inc() - add one without ordering or result
 * @v: the atomic
 */
static inline void atomic_inc(atomic_t *v)
{
	atomic_add(1, v);
}

/**
 * atomic_dec() - subtract one without ordering or result
 * @v: the atomic
 */
static inline void atomic_dec(atomic_t *v)
{
	atomic_sub(1, v);
}

/**
 * atomic_fetch_add() - add, fully ordered
 * @i: addend
 * @v: the atomic
 *
 * Return: the value before the addition.
 */
static inline int atomic_fetch_add(int i, atomic_t *v)
{
	return atomic_fetch_add_explicit(&v->counter, i, memory_order_seq_cst);
}

/**
 * atomic_fetch_sub() - subtract, fully ordered
 * @i: subtrahend
 * @v: the atomic
 *
 * Return: the value before the subtraction.
 */
static inline int atomic_fetch_sub(int i, atomic_t *v)
{
	return atomic_fetch_sub_explicit(&v->counter, i, memory_order_seq_cst);
}

/**
 * atomic_add_return() - add, fully ordered
 * @i: addend
 * @v: the atomic
 *
 * Return: the new value.
 */
static inline int atomic_add_return(int i, atomic_t *v)
{
	return atomic_fetch_add(i, v) + i;
}

/**
 * atomic_sub_return() - subtract, fully ordered
 * @i: subtrahend
 * @v: the atomic
 *
 * Return: the new value.
 */
static inline int atomic_sub_return(int i, atomic_t *v)
{
	return atomic_fetch_sub(i, v) - i;
}

/**
 * atomic_inc_return() - add one, fully ordered
 * @v: the atomic
 *
 * Return: the new value.
 */
static inline int atomic_inc_return(atomic_t *v)
{
	return atomic_add_return(1, v);
}

/**
 * atomic_dec_return() - subtract one, fully ordered
 * @v: the atomic
 *
 * Return: the new value.
 */
static inline int atomic_dec_return(atomic_t *v)
{
	return atomic_sub_return(1, v);
}

/**
 * atomic_sub_and_test() - subtract, fully ordered, and test for zero
 * @i: subtrahend
 * @v: the atomic
 *
 * Return: true if the result is zero.
 */
static inline bool atomic_sub_and_test(int i, atomic_t *v)
{
	return atomic_sub_return(i, v) == 0;
}

/**
 * atomic_dec_and_test() - subtract one, fully ordered, and test for zero
 * @v: the atomic
 *
 * Return: true if the result is zero.
 */
static inline bool atomic_dec_and_test(atomic_t *v)
{
	return atomic_sub_and_test(1, v);
}

/**
 * atomic_xchg() - swap in a new value, fully ordered
 * @v: the atomic
 * @i: new value
 *
 * Return: the old value.
 */
static inline int atomic_xchg(atomic_t *v, int i)
{
	return atomic_exchange_explicit(&v->counter, i, memory_order_seq_cst);
}

/**
 * atomic_cmpxchg() - store @new if the value is @old, fully ordered
 * @v: the atomic
 * @old: expected value
 * @new: value to store
 *
 * Return: the value found (equal to @old on success).
 */
static inline int atomic_cmpxchg(atomic_t *v, int old, int new)
{
	atomic_compare_exchange_strong_explicit(&v->counter, &old, new,
						memory_order_seq_cst,
						memory_order_relaxed);
	return old;
}

/**
 * atomic_add_unless() - add @a unless the value is @u
 * @v: the atomic
 * @a: addend
 * @u: value that blocks the addition
 *
 * Fully ordered when it adds, unordered otherwise.
 *
 * Return: true if the addition was done.
 */
static inline bool atomic_add_unless(atomic_t *v, int a, int u)
{
	int c = atomic_read(v);

	do {
		if (c == u)
			return false;
	} while (!atomic_compare_exchange_weak_explicit(&v->counter, &c, c + a,
							 memory_order_seq_cst,
							 memory_order_relaxed));
	return true;
}

/**
 * atomic_inc_not_zero() - add one unless the value is zero
 * @v: the atomic
 *
 * Return: true if the increment was done.
 */
static inline bool atomic_inc_not_zero(atomic_t *v)
{
	return atomic_add_unless(v, 1, 0);
}

/**
 * atomic_dec_and_lock() - decrement; if the result is zero, take @lock
 * @v: the atomic
 * @lock: mutex protecting the object's last reference (the kernel takes a
 *        spinlock_t here)
 *
 * Return: true with @lock held if the value dropped to zero, false otherwise.
 */
static inline bool atomic_dec_and_lock(atomic_t *v, pthread_mutex_t *lock)
{
	if (atomic_add_unless(v, -1, 1))
		return false;
	pthread_mutex_lock(lock);
	if (atomic_dec_and_test(v))
		return true;
	pthread_mutex_unlock(lock);
	return false;
}

#endif /* REFCONV_ATOMIC_H */
