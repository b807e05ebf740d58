/*
 * Modelled on struct map in tools/perf/util/map.h and its users in
 * tools/perf/util/map.c and machine.c (Linux 6.1), before perf's "perf map:
 * Add accessors for ..." patches. Positive for the read of start; the
 * other accesses keep RC_CHK_ACCESS(), and report mode says why: writes,
 * an increment, an address taken, an argument of an upper-case macro, an
 * array field, a struct field, a function pointer field and a field of a
 * typedef not known to be a scalar.
 */
#include <stdint.h>
#include <stdlib.h>

#include <refconv/refcount.h>

typedef uint64_t u64;
typedef uint32_t u32;

struct dso_id {
	u32 maj;
	u32 min;
};

typedef struct {
	int counter;
} map_flags_t;

#define MAP_SWAP(a, b)				\
	do {					\
		u64 t_ = (a);			\
		(a) = (b);			\
		(b) = t_;			\
	} while (0)

struct map {
	u64 start;
	u64 end;
	u64 pgoff;
	u32 prot;
	map_flags_t flags;
	struct dso_id id;
	char name[16];
	u64 (*map_ip)(const struct map *map, u64 ip);
	refcount_t refcnt;
};

/* like map__fixup_start() */
void fixup_start(struct map *map, u64 start)
{
	if (map->start > start)
		map->start = start;
}

/* like maps__fixup_overlappings(): grow a map and count it */
u32 *grow(struct map *map, u64 len, u64 *total)
{
	map->end += len;
	map->pgoff++;
	*total += len;
	return &map->prot;
}

void reverse(struct map *map)
{
	MAP_SWAP(map->start, map->end);
}

u32 id_of(const struct map *map)
{
	return map->id.maj + map->name[0] + map->flags.counter;
}

u64 ip_of(const struct map *map, u64 ip)
{
	return map->map_ip(map, ip);
}
