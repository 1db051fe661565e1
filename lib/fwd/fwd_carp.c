/* SPDX-License-Identifier: BSD-2-Clause */
/* The carpnodes filter hook (the advert ring is the punt's: fwd_punt.c). */

#include "fwd_ctx_priv.h"

void fwd_rx_filter_set(struct fwd_ctx *ctx, fwd_rx_filter_fn fn, void *arg)
{
	ctx->filter_fn = fn;
	ctx->filter_arg = arg;
}
