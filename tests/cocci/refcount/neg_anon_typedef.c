/*
 * Modelled on typedef'd anonymous structs in drivers (Linux 6.1:
 * "typedef struct { ... atomic_t ref; ... } foo_t;" in staging and scsi
 * drivers): nothing names the struct, so its uses cannot be typed.
 * Negative: the field is reported and kept, not skipped without a word.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/slab.h>

typedef struct {
	atomic_t ref;
	int id;
} obj_t;

obj_t *obj_new(void)
{
	obj_t *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (o)
		atomic_set(&o->ref, 1);
	return o;
}

void obj_get(obj_t *o)
{
	atomic_inc(&o->ref);
}

void obj_put(obj_t *o)
{
	if (atomic_dec_and_test(&o->ref))
		kfree(o);
}

MODULE_LICENSE("GPL");
