/* A chained hash table of tracked entries: insert, lookup, clear
 * (plugin test hash_test.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <refconv/reftrack.h>

#define NBUCKETS 8

REFTRACK_STRUCT(entry) {
	char key[16];
	int value;
	struct entry *next;
};
REFTRACK_EPILOG(entry);

struct table {
	struct entry *bucket0;
	struct entry *bucket1;
};

static unsigned int hash(const char *s)
{
	unsigned int h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

static int put(struct table *t, const char *key, int value)
{
	struct entry *e;

	e = malloc(sizeof(*e));
	if (!e)
		return -1;
	snprintf(e->key, sizeof(e->key), "%s", key);
	e->value = value;
	if (hash(key) % 2) {
		e->next = t->bucket1;
		t->bucket1 = e;
	} else {
		e->next = t->bucket0;
		t->bucket0 = e;
	}
	return 0;
}

static int get(struct table *t, const char *key, int *value)
{
	struct entry *e;

	if (hash(key) % 2)
		e = t->bucket1;
	else
		e = t->bucket0;
	while (e) {
		if (!strcmp(e->key, key)) {
			*value = e->value;
			return 0;
		}
		e = e->next;
	}
	return -1;
}

static void clear(struct table *t)
{
	struct entry *e;

	while (t->bucket0) {
		e = t->bucket0;
		t->bucket0 = e->next;
		free(e);
	}
	while (t->bucket1) {
		e = t->bucket1;
		t->bucket1 = e->next;
		free(e);
	}
}

int main(void)
{
	struct table t = { NULL, NULL };
	const char *keys[] = { "alpha", "beta", "gamma", "delta", "epsilon" };
	unsigned int i;
	int v;

	for (i = 0; i < 5; i++)
		if (put(&t, keys[i], (int)i * 7))
			return 1;
	for (i = 0; i < 5; i++)
		if (!get(&t, keys[i], &v))
			printf("%s = %d\n", keys[i], v);
	printf("zeta %s\n", get(&t, "zeta", &v) ? "missing" : "found");
	clear(&t);
	return 0;
}
