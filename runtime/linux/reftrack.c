// SPDX-License-Identifier: GPL-2.0
/*
 * Counters behind REFTRACK_DEBUG's reftrack_note() (include/linux/reftrack.h):
 * the heap itself is inline in the header; debug builds count what it
 * reported, so tests and tools can check for problems without parsing logs.
 */
#include <linux/atomic.h>
#include <linux/export.h>

#define REFTRACK_DEBUG
#include <linux/reftrack.h>

static atomic_long_t reftrack_events[REFTRACK_EV_NR];

/**
 * reftrack_note() - count a problem the reftrack heap reported
 * @ev: kind of problem
 *
 * Context: any context.
 */
void reftrack_note(enum reftrack_event ev)
{
	if (ev < REFTRACK_EV_NR)
		atomic_long_inc(&reftrack_events[ev]);
}
EXPORT_SYMBOL_GPL(reftrack_note);

/**
 * reftrack_event_count() - number of problems of one kind reported so far
 * @ev: kind of problem
 *
 * Return: the count since refconv.ko was loaded.
 */
unsigned long reftrack_event_count(enum reftrack_event ev)
{
	return ev < REFTRACK_EV_NR ? atomic_long_read(&reftrack_events[ev]) : 0;
}
EXPORT_SYMBOL_GPL(reftrack_event_count);
