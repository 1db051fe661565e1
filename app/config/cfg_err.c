/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cfg_err.h"

void cfg_errors_init(struct cfg_errors *errs)
{
	memset(errs, 0, sizeof(*errs));
}

void cfg_errorf(struct cfg_errors *errs, const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	char *m;
	int n;

	if (errs->n == CFG_ERRORS_MAX) {
		errs->dropped++;
		return;
	}
	m = errs->msg[errs->n++];
	if (line > 0)
		n = snprintf(m, CFG_ERROR_LEN, "%s:%d: ", file, line);
	else
		n = snprintf(m, CFG_ERROR_LEN, "%s: ", file);
	if (n < 0 || n >= CFG_ERROR_LEN)
		return; /* path alone fills the buffer: keep it truncated */
	va_start(ap, fmt);
	vsnprintf(m + n, CFG_ERROR_LEN - n, fmt, ap);
	va_end(ap);
}

void cfg_errors_add(struct cfg_errors *errs, const char *msg)
{
	if (errs->n == CFG_ERRORS_MAX) {
		errs->dropped++;
		return;
	}
	snprintf(errs->msg[errs->n++], CFG_ERROR_LEN, "%s", msg);
}
