/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Harness of the refconv kernel self-test: each case returns 0 on success
 * or a negative errno after printing why; ktest_main.c prints one
 * "refconv-ktest: <case>: PASS|FAIL" line per case and the summary.
 */
#ifndef _REFCONV_KTEST_H
#define _REFCONV_KTEST_H

#include <linux/atomic.h>
#include <linux/errno.h>
#include <linux/printk.h>

#define KT_PREFIX "refconv-ktest: "

/**
 * struct ktest_case - one named test case
 * @name: name printed in the result line
 * @run: the case; 0 on success
 */
struct ktest_case {
	const char *name;
	int (*run)(void);
};

/**
 * KT_ASSERT() - fail the current case unless @cond holds
 * @cond: condition
 */
#define KT_ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			pr_err(KT_PREFIX "%s:%d: assertion failed: %s\n",	\
			       __func__, __LINE__, #cond);		\
			return -EINVAL;					\
		}							\
	} while (0)

/**
 * KT_ASSERT_EQ() - fail the current case unless @a == @b, printing both
 * @a: actual value (integer)
 * @b: expected value (integer)
 */
#define KT_ASSERT_EQ(a, b)						\
	do {								\
		long long __a = (a), __b = (b);				\
		if (__a != __b) {					\
			pr_err(KT_PREFIX "%s:%d: %s == %lld, expected %s == %lld\n", \
			       __func__, __LINE__, #a, __a, #b, __b);	\
			return -EINVAL;					\
		}							\
	} while (0)

/**
 * struct kt_res - a resource that counts the gets and puts done on it
 * @gets: kt_res_get() calls
 * @puts: kt_res_put() calls
 */
struct kt_res {
	atomic_t gets;
	atomic_t puts;
};

#define KT_RES_INIT { ATOMIC_INIT(0), ATOMIC_INIT(0) }

static inline void kt_res_get(struct kt_res *r)
{
	atomic_inc(&r->gets);
}

static inline void kt_res_put(struct kt_res *r)
{
	atomic_inc(&r->puts);
}

extern const struct ktest_case ktest_reftrack_cases[];
extern const struct ktest_case ktest_ref_wrap_cases[];
extern const struct ktest_case ktest_nodebug_cases[];
extern const struct ktest_case ktest_ref_proxy_cases[];

#endif /* _REFCONV_KTEST_H */
