/*
 * Modelled on kernel/sched/core.c (Linux 6.1): sched_core_count is a global
 * atomic_t taken with atomic_inc_not_zero(), dropped lock-free with
 * atomic_add_unless(-1, 1) and under sched_core_mutex with
 * atomic_dec_and_mutex_lock(); plus a local count on the stack as in
 * drivers/misc/lkdtm/refcount.c.
 * Negative: atomic_t variables that are not struct fields are out of scope.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/mutex.h>

DEFINE_MUTEX(sched_core_mutex);
atomic_t sched_core_count = ATOMIC_INIT(1);

void sched_core_get(void)
{
	if (atomic_inc_not_zero(&sched_core_count))
		return;
	mutex_lock(&sched_core_mutex);
	atomic_set(&sched_core_count, 1);
	mutex_unlock(&sched_core_mutex);
}

void sched_core_put(void)
{
	if (atomic_add_unless(&sched_core_count, -1, 1))
		return;
	if (atomic_dec_and_mutex_lock(&sched_core_count, &sched_core_mutex))
		mutex_unlock(&sched_core_mutex);
}

bool lkdtm_local_count(void)
{
	atomic_t count = ATOMIC_INIT(1);

	atomic_inc(&count);
	return atomic_dec_and_test(&count);
}

MODULE_LICENSE("GPL");
