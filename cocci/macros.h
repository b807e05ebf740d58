/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Parsing hints for spatch on kernel code: macros whose uses spatch's
 * built-in standard.h does not cover, spelled so that the code around them
 * parses. They are never compiled. scripts/run-cocci.sh passes this file
 * with --macro-file; each entry names an idiom found in Linux 6.1.
 */

/* drivers/gpu/drm/i915: for_each_*() built on for_each_if() */
#define for_each_if(condition) if (!(condition)) {} else
#define with_intel_runtime_pm(rpm, wf) for (wf = 1; wf; wf = 0)
#define with_intel_runtime_pm_if_in_use(rpm, wf) for (wf = 1; wf; wf = 0)
#define with_intel_gt_pm(gt, tmp) for (tmp = 1; tmp; tmp = 0)

/* drivers/md/bcache */
#define BKEY_PADDED(key) struct { struct bkey key; __u64 key ## _pad[8]; }
#define DECLARE_FIFO(type, name) struct { size_t front, back, size, mask; type *data; } name

/* drivers/md/persistent-data: an annotation after the parameter list */
#define __dm_written_to_disk(x)
#define __dm_bless_for_disk(x)

/* placement attributes before a declaration */
#define __section(s)
#define __ro_after_init
#define noinstr

/* the reftrack plugin's programs (hrcmm.h, reftrack.h): struct attributes,
 * declaration-only macros without a semicolon, function annotations */
#define REFTRACK_PROLOG(S) struct S;
#define REFTRACK_CUSTOM(S)
#define REFTRACK_EPILOG(S)
#define REFTRACK_EPILOG_WITH_DTOR(S)
#define REFTRACK_DEF_CTOR(S)
#define REFTRACK_IGNORE
#define REFTRACK_HEAP_FN
#define REFTRACK_DESTRUCTOR_FN
#define NOINLINE
#define REFTRACK_STRUCT(S) struct S
