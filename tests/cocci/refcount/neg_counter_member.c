/*
 * Modelled on drivers/scsi/qla2xxx/qla_mid.c and qla_def.h (Linux 6.1):
 * vref_count pins a virtual host; a log message reads the raw value through
 * vha->vref_count.counter.
 * Negative: direct access to the .counter member blocks the field.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/wait.h>

struct scsi_qla_host {
	atomic_t vref_count;
	wait_queue_head_t vref_waitq;
};

void qla_vha_init(struct scsi_qla_host *vha)
{
	init_waitqueue_head(&vha->vref_waitq);
	atomic_set(&vha->vref_count, 1);
}

void QLA_VHA_MARK_BUSY(struct scsi_qla_host *vha)
{
	atomic_inc(&vha->vref_count);
}

void QLA_VHA_MARK_NOT_BUSY(struct scsi_qla_host *vha)
{
	if (atomic_dec_and_test(&vha->vref_count))
		wake_up(&vha->vref_waitq);
}

void qla24xx_deallocate_vp_id(struct scsi_qla_host *vha)
{
	if (!wait_event_timeout(vha->vref_waitq,
				!atomic_read(&vha->vref_count), 10 * HZ))
		pr_info("vha->vref_count=%u timeout\n", vha->vref_count.counter);
}

MODULE_LICENSE("GPL");
