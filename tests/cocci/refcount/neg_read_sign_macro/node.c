/*
 * Modelled on sign tests hidden in macros (a typeof()-based negative check
 * such as the kernel's is_signed_type()/check_*() helpers): the macro tests
 * atomic_read()'s sign, which refcount_read() does not have.
 * Negative: atomic_read passed to a function-like macro of the tree keeps
 * the field.
 */
#include <linux/atomic.h>
#include <linux/slab.h>
#include <linux/bug.h>
#include <linux/printk.h>

/* complain about a count that went negative (a double put) */
#define COUNT_NEGATIVE(v)					\
	({							\
		typeof(v) __v = (v);				\
		bool __bad = __v < 0;				\
		if (__bad)					\
			pr_err("negative count %d\n", (int)__v);\
		__bad;						\
	})

struct gnode {
	atomic_t refs;
	void *payload;
};

struct gnode *gnode_new(void)
{
	struct gnode *n = kzalloc(sizeof(*n), GFP_KERNEL);

	if (n)
		atomic_set(&n->refs, 1);
	return n;
}

void gnode_get(struct gnode *n)
{
	atomic_inc(&n->refs);
}

void gnode_put(struct gnode *n)
{
	if (atomic_dec_and_test(&n->refs)) {
		kfree(n->payload);
		kfree(n);
		return;
	}
	if (COUNT_NEGATIVE(atomic_read(&n->refs)))
		dump_stack();
}
