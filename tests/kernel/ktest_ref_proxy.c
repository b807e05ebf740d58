// SPDX-License-Identifier: GPL-2.0
/*
 * ref_proxy cases: readers run in kthreads; every revocation runs in a
 * helper thread with a deadline, so an access left open (which would block
 * the revocation forever) fails the case instead of hanging the test.
 */
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/kthread.h>
#include <linux/ktime.h>
#include <linux/ref_proxy.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include "ktest.h"

#define KT_MAGIC	0x5eed5eedU
#define KT_POISON	0xdeadU

struct kt_dev {
	u32 magic;
	int val;
};

struct kt_revoker {
	struct ref_proxy_provider *rpp;
	struct completion done;
};

static int kt_revoke_fn(void *arg)
{
	struct kt_revoker *rv = arg;

	ref_proxy_provider_free(rv->rpp);
	complete(&rv->done);
	return 0;
}

/*
 * Revoke @rpp, waiting at most @ms. On timeout the revoker is left behind
 * (blocked for good) and false is returned.
 */
static bool kt_revoke(struct ref_proxy_provider *rpp, unsigned int ms)
{
	struct kt_revoker *rv = kmalloc(sizeof(*rv), GFP_KERNEL);
	struct task_struct *t;

	if (!rv)
		return false;
	rv->rpp = rpp;
	init_completion(&rv->done);
	t = kthread_run(kt_revoke_fn, rv, "kt_revoke");
	if (IS_ERR(t)) {
		kfree(rv);
		return false;
	}
	if (!wait_for_completion_timeout(&rv->done, msecs_to_jiffies(ms))) {
		pr_err(KT_PREFIX "revocation still blocked after %u ms: an access was left open\n",
		       ms);
		return false;
	}
	kfree(rv);
	return true;
}

/* Park a finished test thread until kthread_stop(). */
static void kt_wait_stop(void)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop())
			break;
		schedule();
	}
	__set_current_state(TASK_RUNNING);
}

struct kt_fixture {
	struct kt_dev *dev;
	struct ref_proxy_provider *rpp;
	struct ref_proxy *proxy;
};

static int kt_setup(struct kt_fixture *f)
{
	f->dev = kzalloc(sizeof(*f->dev), GFP_KERNEL);
	if (!f->dev)
		return -ENOMEM;
	f->dev->magic = KT_MAGIC;
	f->dev->val = 1234;
	f->rpp = ref_proxy_provider_alloc(f->dev);
	f->proxy = ref_proxy_alloc(f->rpp);
	if (!f->rpp || !f->proxy) {
		ref_proxy_free(f->proxy);
		ref_proxy_provider_free(f->rpp);
		kfree(f->dev);
		return -ENOMEM;
	}
	return 0;
}

/* After the provider revoked: the resource may go, then the consumer. */
static void kt_teardown(struct kt_fixture *f)
{
	f->dev->magic = KT_POISON;
	kfree(f->dev);
	ref_proxy_free(f->proxy);
}

static int kt_get_put(void)
{
	struct ref_proxy_access a1, a2;
	struct kt_fixture f;
	struct kt_dev *d1, *d2, *d = NULL;
	int seen = 0;

	KT_ASSERT(!kt_setup(&f));
	d1 = ref_proxy_get(f.proxy, &a1);
	d2 = ref_proxy_get(f.proxy, &a2);
	KT_ASSERT(d1 == f.dev && d2 == f.dev);
	/* Independent handles: closing in either order is fine. */
	ref_proxy_put(&a1);
	ref_proxy_put(&a2);
	REF_PROXY_GET(f.proxy, d) {
		if (d && d->val == 1234)
			seen = 1;
	}
	KT_ASSERT_EQ(seen, 1);
	KT_ASSERT(kt_revoke(f.rpp, 10000));
	kt_teardown(&f);
	return 0;
}

static int kt_after_revoke(void)
{
	struct ref_proxy_access acc;
	struct kt_fixture f;
	struct kt_dev *d;
	int blocks = 0;

	KT_ASSERT(!kt_setup(&f));
	KT_ASSERT(kt_revoke(f.rpp, 10000));
	f.dev->magic = KT_POISON;
	d = ref_proxy_get(f.proxy, &acc);
	ref_proxy_put(&acc);
	KT_ASSERT(!d);
	d = f.dev;
	REF_PROXY_GET(f.proxy, d) {
		blocks++;
		KT_ASSERT(!d);
	}
	KT_ASSERT_EQ(blocks, 1);
	kt_teardown(&f);
	return 0;
}

/* An idle handle is left alone; an open one is closed, exactly once. */
static int kt_access_cleanup(void)
{
	struct ref_proxy_access acc = REF_PROXY_ACCESS_INIT;
	struct kt_fixture f;

	KT_ASSERT(!kt_setup(&f));
	ref_proxy_access_cleanup(&acc);
	KT_ASSERT(!acc.rpp);
	KT_ASSERT(ref_proxy_get(f.proxy, &acc) == f.dev);
	KT_ASSERT(acc.rpp);
	ref_proxy_access_cleanup(&acc);
	KT_ASSERT(!acc.rpp);
	ref_proxy_access_cleanup(&acc);
	/* Nothing is left open: revocation does not wait. */
	KT_ASSERT(kt_revoke(f.rpp, 10000));
	kt_teardown(&f);
	return 0;
}

/* Each exit leaves the scoped access closed; a leak would block revocation. */
static int kt_scoped_return(struct ref_proxy *proxy)
{
	struct kt_dev *d;

	REF_PROXY_GET(proxy, d) {
		if (!d)
			return -ENODEV;
		return d->val;
	}
	return -EINVAL;
}

static int kt_scoped_exits(void)
{
	struct kt_fixture f;
	struct kt_dev *d;
	int i, n = 0, after = 0;

	KT_ASSERT(!kt_setup(&f));
	KT_ASSERT_EQ(kt_scoped_return(f.proxy), 1234);
	for (i = 0; i < 3; i++) {
		REF_PROXY_GET(f.proxy, d) {
			if (i == 0)
				continue;
			if (i == 1)
				break;
			after++;
		}
		n++;
	}
	/* break and continue leave the block, not the enclosing loop. */
	KT_ASSERT_EQ(n, 3);
	KT_ASSERT_EQ(after, 1);
	REF_PROXY_GET(f.proxy, d) {
		if (d)
			goto out;
	}
	n = -1;
out:
	KT_ASSERT_EQ(n, 3);
	KT_ASSERT(kt_revoke(f.rpp, 10000));
	KT_ASSERT_EQ(kt_scoped_return(f.proxy), -ENODEV);
	kt_teardown(&f);
	return 0;
}

struct kt_reader {
	struct ref_proxy *proxy;
	struct completion inside;
	unsigned int hold_ms;
	int saw_dev;
	int bad_magic;
	int done;
};

static int kt_slow_reader(void *arg)
{
	struct kt_reader *r = arg;
	struct kt_dev *d;

	REF_PROXY_GET(r->proxy, d) {
		r->saw_dev = !!d;
		complete(&r->inside);
		msleep(r->hold_ms);
		if (d && d->magic != KT_MAGIC)
			r->bad_magic = 1;
		/* Published before the access closes, i.e. before revoke returns. */
		smp_store_release(&r->done, 1);
	}
	kt_wait_stop();
	return 0;
}

static int kt_revoke_waits(void)
{
	struct kt_reader r = { .hold_ms = 300 };
	struct task_struct *t;
	struct kt_fixture f;
	ktime_t start;
	s64 waited_ms;
	int done;

	KT_ASSERT(!kt_setup(&f));
	r.proxy = f.proxy;
	init_completion(&r.inside);
	t = kthread_run(kt_slow_reader, &r, "kt_reader");
	KT_ASSERT(!IS_ERR(t));
	wait_for_completion(&r.inside);
	start = ktime_get();
	ref_proxy_provider_free(f.rpp);
	/* Pairs with the reader's smp_store_release() inside its access. */
	done = smp_load_acquire(&r.done);
	waited_ms = ktime_ms_delta(ktime_get(), start);
	/* The provider now frees: a reader still inside would see poison. */
	f.dev->magic = KT_POISON;
	kthread_stop(t);
	kt_teardown(&f);
	pr_info(KT_PREFIX "revocation waited %lld ms for the reader\n", waited_ms);
	KT_ASSERT_EQ(r.saw_dev, 1);
	KT_ASSERT_EQ(done, 1);
	KT_ASSERT_EQ(r.bad_magic, 0);
	KT_ASSERT(waited_ms >= r.hold_ms / 2);
	return 0;
}

struct kt_shared {
	struct ref_proxy *proxy;
	unsigned long hits;
	unsigned long nulls;
	int bad_magic;
	int nested_mismatch;
};

static int kt_shared_reader(void *arg)
{
	struct kt_shared *s = arg;
	unsigned long i = 0;

	while (!kthread_should_stop()) {
		struct ref_proxy_access inner;
		struct kt_dev *d, *d2;

		REF_PROXY_GET(s->proxy, d) {
			if (!d) {
				s->nulls++;
				break;
			}
			if (READ_ONCE(d->magic) != KT_MAGIC)
				s->bad_magic = 1;
			s->hits++;
			/* A nested access through the same consumer. */
			d2 = ref_proxy_get(s->proxy, &inner);
			if (d2 && d2 != d)
				s->nested_mismatch = 1;
			if (s->hits % 8 == 0)
				udelay(20);
			ref_proxy_put(&inner);
		}
		/*
		 * Every pass yields, and some sleep: without preemption, two
		 * readers that only spin would own both guest CPUs and starve
		 * the revoker and the thread that stops them.
		 */
		cond_resched();
		if (++i % 16 == 0)
			usleep_range(10, 20);
	}
	return 0;
}

/* Two kthreads share one consumer across repeated revocations. */
static int kt_shared_consumer(void)
{
	int round, k, bad = 0, mismatch = 0, revoked = 1;
	unsigned long hits[2] = { 0, 0 }, nulls[2] = { 0, 0 };

	for (round = 0; round < 5; round++) {
		struct kt_shared s[2] = { };
		struct task_struct *t[2];
		struct kt_fixture f;

		KT_ASSERT(!kt_setup(&f));
		for (k = 0; k < 2; k++) {
			s[k].proxy = f.proxy;
			t[k] = kthread_run(kt_shared_reader, &s[k], "kt_shared%d", k);
			KT_ASSERT(!IS_ERR(t[k]));
		}
		msleep(50);
		if (!kt_revoke(f.rpp, 10000))
			revoked = 0;
		/* Any access that still saw the resource would see poison now. */
		f.dev->magic = KT_POISON;
		msleep(20);
		for (k = 0; k < 2; k++) {
			kthread_stop(t[k]);
			hits[k] += s[k].hits;
			nulls[k] += s[k].nulls;
			bad |= s[k].bad_magic;
			mismatch |= s[k].nested_mismatch;
		}
		if (!revoked)
			return -ETIMEDOUT;
		kt_teardown(&f);
	}
	pr_info(KT_PREFIX "shared consumer: %lu+%lu accesses, %lu+%lu after revocation\n",
		hits[0], hits[1], nulls[0], nulls[1]);
	KT_ASSERT_EQ(bad, 0);
	KT_ASSERT_EQ(mismatch, 0);
	KT_ASSERT(hits[0] > 0 && hits[1] > 0);
	KT_ASSERT(nulls[0] > 0 && nulls[1] > 0);
	return 0;
}

/*
 * devm_ref_proxy_provider_alloc(): the provider is revoked when its device
 * goes (devres), not before; the consumer stays valid and sees NULL.
 */
static int kt_devm(void)
{
	struct kt_dev *res, *d = NULL;
	struct ref_proxy_provider *rpp;
	struct ref_proxy *proxy;
	struct device *dev;

	res = kzalloc(sizeof(*res), GFP_KERNEL);
	KT_ASSERT(res);
	res->magic = KT_MAGIC;
	dev = root_device_register("refconv_ktest_devm");
	KT_ASSERT(!IS_ERR(dev));
	rpp = devm_ref_proxy_provider_alloc(dev, res);
	proxy = ref_proxy_alloc(rpp);
	KT_ASSERT(rpp && proxy);
	REF_PROXY_GET(proxy, d) {
		KT_ASSERT(d == res && d->magic == KT_MAGIC);
	}
	root_device_unregister(dev);
	REF_PROXY_GET(proxy, d) {
		KT_ASSERT(!d);
	}
	ref_proxy_free(proxy);
	kfree(res);
	return 0;
}

const struct ktest_case ktest_ref_proxy_cases[] = {
	{ "ref_proxy_get_put", kt_get_put },
	{ "ref_proxy_null_after_revoke", kt_after_revoke },
	{ "ref_proxy_access_cleanup", kt_access_cleanup },
	{ "ref_proxy_scoped_exits_put", kt_scoped_exits },
	{ "ref_proxy_revoke_waits_for_reader", kt_revoke_waits },
	{ "ref_proxy_two_kthreads_one_consumer", kt_shared_consumer },
	{ "ref_proxy_devm_revoked_with_device", kt_devm },
	{ }
};
