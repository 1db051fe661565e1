/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_PFSYNC_PRIV_H
#define FWD_PFSYNC_PRIV_H

/* The worker's pfsync hooks (fwd_pfsync.h): protocol 240 to the sync context. */
#define FWD_PFSYNC_PROTO 240

struct fwd_worker;
struct fwd_rx;

/* With pfsync on (ctx->pfsync), IPv4 protocol 240 from any port: copied to the rx ring. */
void fwd_pfsync_input(struct fwd_worker *w, struct fwd_rx *rx);

#endif
