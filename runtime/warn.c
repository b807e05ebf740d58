// SPDX-License-Identifier: GPL-2.0
/* Diagnostics of the runtime: one line each, on stderr. */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

void refconv_warn(const char *who, const char *file, int line, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (file)
		fprintf(stderr, "%s:%d: WARNING: %s: %s\n", file, line, who, msg);
	else
		fprintf(stderr, "WARNING: %s: %s\n", who, msg);
}
