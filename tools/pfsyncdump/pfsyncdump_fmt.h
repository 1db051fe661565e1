/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsyncdump's printer: one captured IPv4 packet of protocol 240 decoded
 * with lib/pfsync and printed in the spirit of OpenBSD's
 * `tcpdump -v -T pfsync`: a line per frame, a line per subheader
 * ("act UPD ST COMP count 2"), a line per message, and with -v / -vv the
 * state's details (pfctl -ss -v style). Kept apart from main() so the unit
 * test and the fuzz target run exactly this code.
 */
#ifndef PFSYNCDUMP_FMT_H
#define PFSYNCDUMP_FMT_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/time.h>

#include "capture_link.h"
#include "pfsync_auth.h"

/* What one packet turned out to be. */
struct pfsyncdump_result {
	bool pfsync;           /* an IPv4 protocol-240 packet */
	enum pfsync_rx reason; /* first reason OpenBSD's receiver would drop
	                        * it (or part of it) for; OK when none */
	bool auth_checked;
	enum pfsync_auth_verdict auth;
	unsigned messages; /* messages decoded */
};

/*
 * Print the packet `l3` captured at `ts` (UTC) to `f`. `verbose` 0, 1 or
 * 2; `auth` NULL, or keyed contexts to verify the HMAC with (replays are
 * tracked across calls).
 */
void pfsyncdump_print(FILE *f, const struct capture_l3 *l3, const struct timeval *ts, int verbose,
                      struct pfsync_auth *auth, struct pfsyncdump_result *res);

#endif /* PFSYNCDUMP_FMT_H */
