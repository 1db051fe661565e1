/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What libconfig would hide: checks on the raw text before it is parsed.
 * libconfig 1.5 gives no string lengths: a NUL byte in the file cuts a
 * string there ("ab<NUL>cd" reads as "ab") and the escape \x00 is dropped
 * ("ab\x00cd" reads as "abcd"), so a passphrase would silently change.
 */
#ifndef RTR_CFG_SCAN_H
#define RTR_CFG_SCAN_H

#include <stddef.h>

#include "cfg_err.h"

/*
 * Report "FILE:LINE: NUL byte in the file: ..." for each NUL byte of
 * text[0..len) and "FILE:LINE: string holds \x00: ..." for each \x00 escape
 * inside a string (comments skipped). Returns 0 or -EINVAL.
 */
int cfg_scan_text(const char *text, size_t len, const char *file, struct cfg_errors *errs);

#endif /* RTR_CFG_SCAN_H */
