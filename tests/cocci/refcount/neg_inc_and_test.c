/*
 * Modelled on drivers/net/wireless/ath/ath9k/mac.c (Linux 6.1): the
 * interrupt-enable nesting count intr_ref_cnt starts at -1 and interrupts are
 * only re-enabled when atomic_inc_and_test() brings it back to 0; each
 * disable lowers it again (with atomic_dec_and_test here).
 * Negative: atomic_inc_and_test blocks the field, even though every other use
 * is in the table and it is initialised to a non-zero value.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/printk.h>

struct ath_hw {
	u32 imask;
	atomic_t intr_ref_cnt;
};

void ath9k_init_interrupts(struct ath_hw *ah)
{
	atomic_set(&ah->intr_ref_cnt, -1);
}

void ath9k_hw_enable_interrupts(struct ath_hw *ah)
{
	if (!atomic_inc_and_test(&ah->intr_ref_cnt)) {
		pr_debug("Do not enable IER ref count %d\n",
			 atomic_read(&ah->intr_ref_cnt));
		return;
	}
	ah->imask |= 1;
}

void ath9k_hw_disable_interrupts(struct ath_hw *ah)
{
	if (atomic_dec_and_test(&ah->intr_ref_cnt))
		ah->imask &= ~1U;
}

MODULE_LICENSE("GPL");
