/* SPDX-License-Identifier: BSD-2-Clause */
/* The error reporter both cross-object checks share. Pure. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>

#include "cfg_vctx.h"

void cfg_vfail(struct cfg_vctx *v, struct cfg_loc loc, const char *fmt, ...)
{
	char reason[CFG_ERROR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	cfg_errorf(v->errs, loc.file != NULL ? loc.file : v->cfg->path, loc.line, "%s", reason);
	v->ret = -EINVAL;
}
