/*
 * Modelled on virt/kvm/kvm_main.c mmgrab(current->mm) (Linux 6.1): the
 * object comes from a kernel macro (this_cpu_read) whose type spatch does
 * not know without the kernel's headers.
 * Negative: kept and reported, since the type cannot be checked.
 */
#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/module.h>
#include <linux/percpu.h>
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

void kvm_create_vm(struct lmm * __percpu *cur_lmm)
{
	atomic_inc(&(*this_cpu_ptr(cur_lmm))->mm_count);
}

MODULE_LICENSE("GPL");
