/*
 * Modelled on include/net/act_api.h (Linux 6.1): "#define tcf_refcnt
 * common.tcfa_refcnt" lets every action read the common counter under
 * another name; spatch sees p->tcf_refcnt, never tcfa_refcnt.
 * Negative: the alias's body is an occurrence of .tcfa_refcnt nobody
 * analysed; converting would leave atomic_read(&p->tcf_refcnt) on it.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/printk.h>

struct tcf_common {
	atomic_t tcfa_refcnt;
	int tcfa_index;
};

struct tc_action {
	struct tcf_common common;
};

#define tcf_refcnt common.tcfa_refcnt

struct tc_action *tcf_new(void)
{
	struct tc_action *a = kzalloc(sizeof(*a), GFP_KERNEL);

	if (a)
		atomic_set(&a->common.tcfa_refcnt, 1);
	return a;
}

void tcf_hold(struct tc_action *a)
{
	atomic_inc(&a->common.tcfa_refcnt);
}

void tcf_release(struct tc_action *a)
{
	if (atomic_dec_and_test(&a->common.tcfa_refcnt))
		kfree(a);
}

void tcf_dump(struct tc_action *a)
{
	pr_info("refcnt %d\n", atomic_read(&a->tcf_refcnt) - 1);
}

MODULE_LICENSE("GPL");
