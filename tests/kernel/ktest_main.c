// SPDX-License-Identifier: GPL-2.0
/*
 * refconv_ktest.ko: self-test of the refconv kernel runtime. Loading it runs
 * every case; the result is in the kernel log (see ktest.h).
 */
#include <linux/module.h>

#include "ktest.h"

static const struct ktest_case *const ktest_suites[] = {
	ktest_reftrack_cases,
	ktest_ref_wrap_cases,
	ktest_nodebug_cases,
	ktest_ref_proxy_cases,
};

static int __init ktest_init(void)
{
	const struct ktest_case *c;
	unsigned int passed = 0, failed = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ktest_suites); i++) {
		for (c = ktest_suites[i]; c->name; c++) {
			int err = c->run();

			pr_info(KT_PREFIX "%s: %s\n", c->name, err ? "FAIL" : "PASS");
			if (err)
				failed++;
			else
				passed++;
		}
	}
	pr_info(KT_PREFIX "%u passed, %u failed\n", passed, failed);
	return 0;
}
module_init(ktest_init);

static void __exit ktest_exit(void)
{
}
module_exit(ktest_exit);

MODULE_DESCRIPTION("refconv kernel runtime self-test");
MODULE_LICENSE("GPL");
