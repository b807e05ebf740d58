/*
 * Modelled on drivers/md/dm-integrity.c (Linux 6.1): a dm_integrity_io
 * re-arms its in_flight count by assigning a compound literal,
 * dio->in_flight = (atomic_t)ATOMIC_INIT(1), then takes one reference per
 * sub-I/O and completes on atomic_dec_and_test().
 * Negative: assigning the atomic_t as a whole blocks the field (the
 * ATOMIC_INIT inside the assignment is not converted either).
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/workqueue.h>

struct dm_integrity_io {
	struct work_struct work;
	atomic_t in_flight;
};

void dec_in_flight(struct dm_integrity_io *dio)
{
	if (atomic_dec_and_test(&dio->in_flight))
		schedule_work(&dio->work);
}

void integrity_metadata(struct dm_integrity_io *dio, unsigned int nr_ios)
{
	unsigned int i;

	dio->in_flight = (atomic_t)ATOMIC_INIT(1);
	for (i = 0; i < nr_ios; i++) {
		atomic_inc(&dio->in_flight);
		dec_in_flight(dio);
	}
	dec_in_flight(dio);
}

MODULE_LICENSE("GPL");
