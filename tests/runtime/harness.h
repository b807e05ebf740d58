/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Minimal test harness: TEST(name) { ... } registers a test; the binary runs
 * one test per process ("prog name") or lists them ("prog --list"), so one
 * sanitizer abort cannot hide the other results. CHECK() aborts the test
 * with the failed condition. capture_begin()/capture_end() collect what the
 * runtime prints on stderr, for tests of its diagnostics.
 */
#ifndef REFCONV_TEST_HARNESS_H
#define REFCONV_TEST_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct test {
	const char *name;
	void (*fn)(void);
};

static struct test tests[128];
static int ntests;

#define TEST(id)							\
	static void test_##id(void);					\
	__attribute__((__constructor__)) static void reg_##id(void)	\
	{								\
		tests[ntests].name = #id;				\
		tests[ntests++].fn = test_##id;				\
	}								\
	static void test_##id(void)

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: check failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			exit(1);					\
		}							\
	} while (0)

static FILE *capture_file;
static int saved_stderr = -1;

static inline void capture_begin(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	CHECK(capture_file);
	saved_stderr = dup(2);
	dup2(fileno(capture_file), 2);
}

/* Returns what was written to stderr since capture_begin(); caller frees. */
static inline char *capture_end(void)
{
	long n;
	char *buf;

	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	n = ftell(capture_file);
	buf = calloc(1, (size_t)n + 1);
	CHECK(buf);
	rewind(capture_file);
	CHECK(fread(buf, 1, (size_t)n, capture_file) == (size_t)n);
	fclose(capture_file);
	fputs(buf, stderr);	/* keep it visible in the test log */
	return buf;
}

/* Number of non-overlapping occurrences of @needle in @hay. */
static inline int count_of(const char *hay, const char *needle)
{
	int n = 0;

	while ((hay = strstr(hay, needle))) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

int main(int argc, char **argv)
{
	int i;

	if (argc == 2 && !strcmp(argv[1], "--list")) {
		for (i = 0; i < ntests; i++)
			puts(tests[i].name);
		return 0;
	}
	for (i = 0; argc == 2 && i < ntests; i++) {
		if (!strcmp(argv[1], tests[i].name)) {
			tests[i].fn();
			return 0;
		}
	}
	fprintf(stderr, "usage: %s --list | TEST\n", argv[0]);
	return 2;
}

#endif /* REFCONV_TEST_HARNESS_H */
