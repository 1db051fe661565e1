/* SPDX-License-Identifier: BSD-2-Clause */
/* Raw-text checks before libconfig parses (see cfg_scan.h). */
#include <errno.h>
#include <stdbool.h>

#include "cfg_scan.h"

enum scan_state { CODE, STRING, LINE_COMMENT, BLOCK_COMMENT };

/* The escape \x00 (or \X00, libconfig takes both) at p (p[0] == '\\')? */
static bool is_nul_escape(const char *p, const char *end)
{
	return end - p >= 4 && (p[1] == 'x' || p[1] == 'X') && p[2] == '0' && p[3] == '0';
}

int cfg_scan_text(const char *text, size_t len, const char *file, struct cfg_errors *errs)
{
	const char *end = text + len;
	enum scan_state st = CODE;
	int line = 1, ret = 0;

	for (const char *p = text; p < end; p++) {
		if (*p == '\0') {
			cfg_errorf(errs, file, line,
			           "NUL byte in the file: libconfig would cut the string there; "
			           "remove it");
			ret = -EINVAL;
			continue;
		}
		if (*p == '\n') {
			line++;
			if (st == LINE_COMMENT)
				st = CODE;
			continue;
		}
		switch (st) {
		case CODE:
			if (*p == '"')
				st = STRING;
			else if (*p == '#' || (*p == '/' && p + 1 < end && p[1] == '/'))
				st = LINE_COMMENT;
			else if (*p == '/' && p + 1 < end && p[1] == '*')
				st = BLOCK_COMMENT, p++;
			break;
		case STRING:
			if (*p == '"') {
				st = CODE;
			} else if (*p == '\\') {
				if (is_nul_escape(p, end)) {
					cfg_errorf(errs, file, line,
					           "string holds \\x00: libconfig would silently drop "
					           "it (a passphrase would change); remove it");
					ret = -EINVAL;
				}
				if (p + 1 < end && p[1] != '\n')
					p++; /* the escaped character, whatever it is */
			}
			break;
		case BLOCK_COMMENT:
			if (*p == '*' && p + 1 < end && p[1] == '/')
				st = CODE, p++;
			break;
		case LINE_COMMENT:
			break;
		}
	}
	return ret;
}
