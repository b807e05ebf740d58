/*
 * Modelled on mm/oom_kill.c mark_oom_victim() (Linux 6.1):
 * mmgrab(tsk->signal->oom_mm), X is a member of another struct whose
 * definition spatch sees. Positive: GET(tsk->sig->oom_mm).
 */
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/slab.h>

struct lmm {
	atomic_t mm_count;
	atomic_t mm_users;
	unsigned long flags;
};

void __lmmdrop(struct lmm *mm)
{
	kfree(mm);
}

static inline void lmmgrab(struct lmm *mm)
{
	atomic_inc(&mm->mm_count);
}

static inline void lmmdrop(struct lmm *mm)
{
	if (unlikely(atomic_dec_and_test(&mm->mm_count)))
		__lmmdrop(mm);
}

struct signal {
	struct lmm *oom_mm;
};

struct task {
	struct signal *sig;
};

void mark_victim(struct task *tsk)
{
	atomic_inc(&tsk->sig->oom_mm->mm_count);
}

MODULE_LICENSE("GPL");
