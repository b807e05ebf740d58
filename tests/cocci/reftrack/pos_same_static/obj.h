/* Two files with a static function of the same name: what one file's
 * function is must not decide the other's (spatch runs a batch of files in
 * one process, and how the files are batched depends on -j). */
#ifndef OBJ_H
#define OBJ_H
#include <refconv/reftrack.h>

REFTRACK_STRUCT(sobj) {
	int v;
};
REFTRACK_EPILOG(sobj);

void a_pin(struct sobj *o);
void a_drop(void);
void b_set(struct sobj *o);
void b_drop(void);
#endif
