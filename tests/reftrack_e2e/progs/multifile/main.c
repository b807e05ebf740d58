/* Uses the bag without seeing struct item's allocation. */
#include <stdio.h>
#include "item.h"

int main(void)
{
	struct bag b = { NULL, 0 };
	int i;

	for (i = 0; i < 5; i++)
		bag_add(&b, i * 10);
	bag_print(&b);
	printf("%d items\n", b.count);
	bag_clear(&b);
	return 0;
}
