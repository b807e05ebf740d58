/*
 * Modelled on sound/usb/card.c (Linux 6.1): chip->usage_count is set to 0 at
 * probe, snd_usb_lock_shutdown() increments it and
 * snd_usb_unlock_shutdown() wakes the disconnect path on
 * atomic_dec_and_test(); disconnect waits for !atomic_read().
 * Negative: explicitly set to 0 and then incremented (and never set to
 * anything else), so it stays atomic_t.
 */
#include <linux/atomic.h>
#include <linux/module.h>
#include <linux/wait.h>

struct snd_usb_audio {
	atomic_t shutdown;
	atomic_t usage_count;
	wait_queue_head_t shutdown_wait;
};

void snd_usb_audio_create(struct snd_usb_audio *chip)
{
	init_waitqueue_head(&chip->shutdown_wait);
	atomic_set(&chip->usage_count, 0);
}

int snd_usb_lock_shutdown(struct snd_usb_audio *chip)
{
	atomic_inc(&chip->usage_count);
	if (atomic_read(&chip->shutdown)) {
		if (atomic_dec_and_test(&chip->usage_count))
			wake_up(&chip->shutdown_wait);
		return -EIO;
	}
	return 0;
}

void snd_usb_unlock_shutdown(struct snd_usb_audio *chip)
{
	if (atomic_dec_and_test(&chip->usage_count))
		wake_up(&chip->shutdown_wait);
}

void usb_audio_disconnect(struct snd_usb_audio *chip)
{
	wait_event(chip->shutdown_wait, !atomic_read(&chip->usage_count));
}

MODULE_LICENSE("GPL");
