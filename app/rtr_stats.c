/* SPDX-License-Identifier: BSD-2-Clause */
/* Final statistics in the log at shutdown (after workers have returned). */
#include <inttypes.h>

#include <rte_ethdev.h>

#include "fwd.h"
#include "rtr.h"
#include "rtr_log.h"

void rtr_stats_log(const struct rtr *r)
{
	struct fwd_lcore_stats sum, w;

	if (r->ctx == NULL)
		return;
	fwd_stats_sum(r->ctx, &sum);
	for (unsigned int i = 0; i < r->cfg.n_ports; i++) {
		const struct fwd_port_counters *c = &sum.port[r->port_ids[i]];
		struct rte_eth_stats es = {0};

		rte_eth_stats_get(r->port_ids[i], &es);
		RTR_LOG(app, NOTICE,
		        "port %s: rx %" PRIu64 " pkts %" PRIu64 " bytes, tx %" PRIu64
		        " pkts %" PRIu64 " bytes, tx dropped %" PRIu64 ", rx missed %" PRIu64
		        ", rx errors %" PRIu64,
		        r->cfg.ports[i].name, c->rx_packets, c->rx_bytes, c->tx_packets,
		        c->tx_bytes, c->tx_dropped, es.imissed, es.ierrors);
	}
	RTR_LOG(app, NOTICE, "forwarded %" PRIu64 ", dropped %" PRIu64,
	        sum.events[FWD_EV_FORWARDED], fwd_stats_drops_total(&sum));
	for (int d = 1; d < FWD_DROP_MAX; d++)
		if (sum.drops[d] != 0)
			RTR_LOG(app, NOTICE, "drop %s: %" PRIu64, fwd_drop_name(d), sum.drops[d]);
	for (int e = 0; e < FWD_EV_MAX; e++)
		if (sum.events[e] != 0 && e != FWD_EV_FORWARDED)
			RTR_LOG(app, NOTICE, "%s: %" PRIu64, fwd_event_name(e), sum.events[e]);
	for (unsigned int i = 0; i < fwd_worker_count(r->ctx); i++) {
		if (fwd_worker_stats(r->ctx, i, &w) < 0)
			continue;
		RTR_LOG(app, NOTICE,
		        "lcore %u: %" PRIu64 " pkts, %" PRIu64 " cycles/pkt, busy %" PRIu64 "%%",
		        r->workers[i], w.packets, w.packets != 0 ? w.cycles_busy / w.packets : 0,
		        w.cycles_total != 0 ? 100 * w.cycles_busy / w.cycles_total : 0);
	}
}
