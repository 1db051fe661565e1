/* SPDX-License-Identifier: BSD-2-Clause */
/* /router/info, /router/stats, /router/lcores: identity, counters, per-lcore load. */
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_mempool.h>
#include <rte_telemetry.h>
#include <rte_version.h>

#include "fwd.h"
#include "fwd_port.h"
#include "fwd_worker.h"
#include "rtr.h"
#include "rtr_afpacket.h"
#include "tel.h"
#include "tel_carp.h"
#include "rtr_version.h"

/* ---- /router/info ---- */

int rtr_tel_info(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *names = rtr_tel_column(RTE_TEL_STRING_VAL),
	                    *devs = rtr_tel_column(RTE_TEL_STRING_VAL),
	                    *ids = rtr_tel_column(RTE_TEL_U64_VAL),
	                    *macs = rtr_tel_column(RTE_TEL_STRING_VAL),
	                    *links = rtr_tel_column(RTE_TEL_STRING_VAL),
	                    *speeds = rtr_tel_column(RTE_TEL_U64_VAL),
	                    *rxq = rtr_tel_column(RTE_TEL_U64_VAL),
	                    *txq = rtr_tel_column(RTE_TEL_U64_VAL),
	                    *mtus = rtr_tel_column(RTE_TEL_U64_VAL),
	                    *workers = rtr_tel_column(RTE_TEL_U64_VAL);
	char loaded[32];
	struct tm tm;
	int ret = 0;

	(void)params;
	rte_tel_data_add_dict_string(d, "version", RTR_VERSION);
	rte_tel_data_add_dict_string(d, "dpdk", rte_version());
	rte_tel_data_add_dict_string(d, "config", r->args.config);
	rte_tel_data_add_dict_u64(d, "config_generation", r->cfg_generation);
	rte_tel_data_add_dict_u64(d, "config_loaded_s", (uint64_t)r->cfg_loaded);
	strftime(loaded, sizeof(loaded), "%Y-%m-%dT%H:%M:%SZ", gmtime_r(&r->cfg_loaded, &tm));
	rte_tel_data_add_dict_string(d, "config_loaded", loaded);
	rte_tel_data_add_dict_u64(d, "uptime_s", (uint64_t)(time(NULL) - r->started));
	rte_tel_data_add_dict_string(d, "polling", cfg_polling_name(r->cfg.polling));
	rte_tel_data_add_dict_u64(d, "main_lcore", rte_get_main_lcore());
	for (unsigned int i = 0; workers != NULL && i < r->n_workers; i++)
		rte_tel_data_add_array_u64(workers, r->workers[i]);
	for (unsigned int i = 0;
	     i < r->cfg.n_ports && names != NULL && devs != NULL && ids != NULL && macs != NULL &&
	     links != NULL && speeds != NULL && rxq != NULL && txq != NULL && mtus != NULL;
	     i++) {
		uint16_t pid = r->port_ids[i];
		struct rte_ether_addr mac = {0};
		struct rte_eth_link link = {0};
		char buf[RTE_ETHER_ADDR_FMT_SIZE];

		fwd_port_mac(r->ctx, pid, &mac);
		fwd_port_link(pid, &link);
		rte_ether_format_addr(buf, sizeof(buf), &mac);
		rte_tel_data_add_array_string(names, r->cfg.ports[i].name);
		rte_tel_data_add_array_string(devs, r->cfg.ports[i].device);
		rte_tel_data_add_array_u64(ids, pid);
		rte_tel_data_add_array_string(macs, buf);
		rte_tel_data_add_array_string(links,
		                              link.link_status == RTE_ETH_LINK_UP ? "up" : "down");
		rte_tel_data_add_array_u64(speeds, link.link_speed);
		rte_tel_data_add_array_u64(rxq, r->cfg.ports[i].rx_queues);
		rte_tel_data_add_array_u64(txq, rtr_port_tx_queues(r, pid));
		rte_tel_data_add_array_u64(mtus, r->cfg.ports[i].mtu);
	}
	ret |= rtr_tel_column_add(d, "workers", workers);
	ret |= rtr_tel_column_add(d, "ports", names);
	ret |= rtr_tel_column_add(d, "port_devices", devs);
	ret |= rtr_tel_column_add(d, "port_ids", ids);
	ret |= rtr_tel_column_add(d, "port_macs", macs);
	ret |= rtr_tel_column_add(d, "port_links", links);
	ret |= rtr_tel_column_add(d, "port_speeds_mbps", speeds);
	ret |= rtr_tel_column_add(d, "port_rx_queues", rxq);
	ret |= rtr_tel_column_add(d, "port_tx_queues", txq);
	ret |= rtr_tel_column_add(d, "port_mtus", mtus);
	ret |= rtr_telemetry_carp_ports(r, d); /* port_filter, vMAC flip times */
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /router/stats ---- */

/*
 * The packet pool: total, in use (rx/tx rings, worker buffers, the control
 * lcore) and free (per-lcore caches included). One avail read, so in use +
 * free is always the total.
 */
static void mbufs_add(const struct rtr *r, struct rte_tel_data *d)
{
	unsigned int total = r->pool->size;
	unsigned int avail = rte_mempool_avail_count(r->pool);

	rte_tel_data_add_dict_u64(d, "mbufs_total", total);
	rte_tel_data_add_dict_u64(d, "mbufs_in_use", total - RTE_MIN(avail, total));
	rte_tel_data_add_dict_u64(d, "mbufs_free", RTE_MIN(avail, total));
}

/*
 * With af_packet ports, the fragments the kernel took in (and the ones it
 * never completed) before the port delivered whole datagrams: a lone
 * fragment ends here, not in a fast-path counter (rtr_afpacket.h).
 */
static int kernel_reasm_add(const struct rtr *r, struct rte_tel_data *d)
{
	struct rtr_kernel_reasm k;
	bool afp = false;

	for (unsigned int i = 0; i < r->cfg.n_ports && !afp; i++)
		afp = rtr_afpacket_framesz(r->port_ids[i]) != 0;
	if (!afp || rtr_kernel_reasm_read(&k) != 0)
		return 0;
	rte_tel_data_add_dict_u64(d, "kernel_reasm_fragments", k.reqds);
	rte_tel_data_add_dict_u64(d, "kernel_reasm_datagrams", k.oks);
	rte_tel_data_add_dict_u64(d, "kernel_reasm_failures", k.fails);
	rte_tel_data_add_dict_u64(d, "kernel_reasm_timeouts", k.timeouts);
	return 0;
}

int rtr_tel_stats(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *c[8], *lc[3];
	static const char *const port_cols[8] = {
	    "port_rx_packets", "port_rx_bytes",  "port_tx_packets", "port_tx_bytes",
	    "port_tx_dropped", "port_rx_missed", "port_rx_errors",  "port_rx_nombuf",
	};
	struct rte_tel_data *names = rtr_tel_column(RTE_TEL_STRING_VAL);
	struct fwd_lcore_stats sum, w;
	char key[64];
	int ret = 0;

	(void)params;
	fwd_stats_sum(r->ctx, &sum);
	for (int k = 0; k < 8; k++)
		c[k] = rtr_tel_column(RTE_TEL_U64_VAL);
	for (int k = 0; k < 3; k++)
		lc[k] = rtr_tel_column(RTE_TEL_U64_VAL);
	for (unsigned int i = 0; i < r->cfg.n_ports; i++) {
		const struct fwd_port_counters *pc = &sum.port[r->port_ids[i]];
		struct rte_eth_stats es = {0};
		uint64_t v[8];

		rte_eth_stats_get(r->port_ids[i], &es);
		v[0] = pc->rx_packets, v[1] = pc->rx_bytes, v[2] = pc->tx_packets;
		v[3] = pc->tx_bytes, v[4] = pc->tx_dropped, v[5] = es.imissed;
		v[6] = es.ierrors, v[7] = es.rx_nombuf;
		if (names != NULL)
			rte_tel_data_add_array_string(names, r->cfg.ports[i].name);
		for (int k = 0; k < 8; k++)
			if (c[k] != NULL)
				rte_tel_data_add_array_u64(c[k], v[k]);
	}
	ret |= rtr_tel_column_add(d, "ports", names);
	for (int k = 0; k < 8; k++)
		ret |= rtr_tel_column_add(d, port_cols[k], c[k]);

	mbufs_add(r, d);
	rte_tel_data_add_dict_u64(d, "forwarded", sum.events[FWD_EV_FORWARDED]);
	rte_tel_data_add_dict_u64(d, "drops_total", fwd_stats_drops_total(&sum));
	rte_tel_data_add_dict_u64(d, "frames_ended", fwd_stats_frames_ended(&sum));
	for (int k = 1; k < FWD_DROP_MAX; k++) {
		snprintf(key, sizeof(key), "drop_%s", fwd_drop_name(k));
		rte_tel_data_add_dict_u64(d, key, sum.drops[k]);
	}
	for (int k = 0; k < FWD_EV_MAX; k++)
		if (k != FWD_EV_FORWARDED)
			rte_tel_data_add_dict_u64(d, fwd_event_name(k), sum.events[k]);

	ret |= kernel_reasm_add(r, d);

	for (unsigned int i = 0; i < r->n_workers; i++) {
		uint64_t v[3] = {r->workers[i], 0, 0};

		if (fwd_worker_stats(r->ctx, i, &w) == 0) {
			v[1] = w.packets;
			v[2] = fwd_stats_drops_total(&w);
		}
		for (int k = 0; k < 3; k++)
			if (lc[k] != NULL)
				rte_tel_data_add_array_u64(lc[k], v[k]);
	}
	ret |= rtr_tel_column_add(d, "lcores", lc[0]);
	ret |= rtr_tel_column_add(d, "lcore_packets", lc[1]);
	ret |= rtr_tel_column_add(d, "lcore_drops", lc[2]);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /router/lcores ---- */

/* "lan0:0 srv0:0": the rx queues worker w polls, as fwd_workers_setup spread them. */
static void worker_queues(const struct rtr *r, unsigned int w, char *buf, size_t len)
{
	struct fwd_rxq all[CFG_PORTS_MAX * 64], mine[FWD_MAX_RXQ_PER_WORKER];
	unsigned int n = 0, m;
	size_t used = 0;

	for (unsigned int i = 0; i < r->cfg.n_ports; i++)
		for (uint16_t q = 0; q < r->cfg.ports[i].rx_queues; q++)
			all[n++] = (struct fwd_rxq){.port = r->port_ids[i], .queue = q};
	m = fwd_rxq_assign(all, n, r->n_workers, w, mine, FWD_MAX_RXQ_PER_WORKER);
	buf[0] = '\0';
	for (unsigned int k = 0; k < m && used < len; k++) {
		int c = snprintf(buf + used, len - used, "%s%s:%u", k > 0 ? " " : "",
		                 rtr_tel_port_name(r, mine[k].port), mine[k].queue);

		if (c < 0)
			break;
		used += (size_t)c;
	}
}

int rtr_tel_lcores(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	/* cycles_total: the loop's cycles, so a scraper can rate busy / total */
	static const char *const cols[8] = {"lcores",       "packets",     "polls",
	                                    "busy_polls",   "cycles_busy", "cycles_per_packet",
	                                    "busy_percent", "cycles_total"};
	struct rte_tel_data *c[8], *queues = rtr_tel_column(RTE_TEL_STRING_VAL);
	int ret = 0;

	(void)params;
	for (int k = 0; k < 8; k++)
		c[k] = rtr_tel_column(RTE_TEL_U64_VAL);
	for (unsigned int i = 0; i < r->n_workers; i++) {
		struct fwd_lcore_stats w = {0};
		char q[RTE_TEL_MAX_STRING_LEN];
		uint64_t v[8];

		fwd_worker_stats(r->ctx, i, &w);
		v[0] = r->workers[i], v[1] = w.packets, v[2] = w.polls, v[3] = w.busy_polls;
		v[4] = w.cycles_busy;
		/* cycles per packet = busy cycles / packets; busy % = busy / total cycles */
		v[5] = w.packets != 0 ? w.cycles_busy / w.packets : 0;
		v[6] = w.cycles_total != 0 ? 100 * w.cycles_busy / w.cycles_total : 0;
		v[7] = w.cycles_total;
		for (int k = 0; k < 8; k++)
			if (c[k] != NULL)
				rte_tel_data_add_array_u64(c[k], v[k]);
		worker_queues(r, i, q, sizeof(q));
		if (queues != NULL)
			rte_tel_data_add_array_string(queues, q);
	}
	rte_tel_data_add_dict_u64(d, "tsc_hz", rte_get_tsc_hz());
	for (int k = 0; k < 8; k++)
		ret |= rtr_tel_column_add(d, cols[k], c[k]);
	ret |= rtr_tel_column_add(d, "rx_queues", queues);
	return ret < 0 ? -ENOMEM : 0;
}
