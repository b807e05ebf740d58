#include "s.h"
static int peek(struct S *p) { return REFTRACK_COUNT(p) * 10; }
int other(struct S *p) { return peek(p); }
