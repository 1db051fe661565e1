/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The state the cross-object checks (cfg_validate.c, cfg_validate6.c) carry:
 * the config, where errors go, and whether any was found.
 */
#ifndef RTR_CFG_VCTX_H
#define RTR_CFG_VCTX_H

#include "cfg.h"

struct cfg_vctx {
	struct cfg *cfg;
	struct cfg_errors *errs;
	int ret;
};

/* Record "FILE:LINE: reason" at loc (the main file when loc has none), mark v failed. */
void cfg_vfail(struct cfg_vctx *v, struct cfg_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* RTR_CFG_VCTX_H */
