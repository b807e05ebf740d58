/* The plugin's plain attribute (typedef struct REFTRACK { } T): generic helpers, and the plugin's heap header moves to refconv's. */
#include <stdio.h>
#include "hrcmm.h"

typedef struct REFTRACK {
	int im;
} R;

R *global;

int main(void)
{
	R *rp = rc_malloc(sizeof(R));
	R *other = NULL, **pp = NULL;

	other = rp;
	pp = &rp;
	*pp = other;
	global = rp;
	printf("%d\n", REFTRACK_COUNT(rp));
	return 0;
}
