/* One tracked object shared by two holders: each holder keeps it in a
 * field, one holder lets go early, the object lives on for the other. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <refconv/reftrack.h>

REFTRACK_STRUCT(config) {
	int verbose;
	char name[16];
};
REFTRACK_EPILOG(config);

struct worker {
	int id;
	struct config *cfg;
};

static void attach(struct worker *w, struct config *c)
{
	w->cfg = c;
}

static void report(const struct worker *w)
{
	if (w->cfg)
		printf("worker %d uses %s (verbose %d)\n", w->id, w->cfg->name,
		       w->cfg->verbose);
	else
		printf("worker %d has no config\n", w->id);
}

int main(void)
{
	struct worker a = { 1, NULL }, b = { 2, NULL };
	struct config *c;

	c = malloc(sizeof(struct config));
	if (!c)
		return 1;
	c->verbose = 2;
	strcpy(c->name, "default");
	attach(&a, c);
	attach(&b, c);
	c = NULL;
	report(&a);
	report(&b);
	a.cfg = NULL;
	report(&a);
	report(&b);
	b.cfg->verbose = 3;
	report(&b);
	free(b.cfg);
	b.cfg = NULL;
	report(&b);
	return 0;
}
