/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The /router/... telemetry commands. Handlers run on DPDK's telemetry thread: they
 * read counters (relaxed snapshots) and the published tables through lib/fwd's
 * walk functions, never fast-path state directly.
 *
 * DPDK 22.11 telemetry nests only arrays of scalars inside a dict, so tables
 * are returned as columns: "ports": ["lan0", "srv0"], "port_rx_packets":
 * [10, 12] ... entry k of every column describes the same object.
 *
 * Lifetime: the struct rtr pointer is published under a mutex shared with
 * rtr_telemetry_unpublish(), which main() calls before tearing the data plane
 * down, so a handler never reads freed tables. The mutex is never taken on
 * the fast path.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_telemetry.h>
#include <rte_version.h>

#include "cfg_inet.h"
#include "fwd.h"
#include "fwd_port.h"
#include "fwd_worker.h"
#include "rtr.h"
#include "rtr_log.h"
#include "rtr_version.h"

static pthread_mutex_t tel_lock = PTHREAD_MUTEX_INITIALIZER;
static struct rtr *tel_rtr; /* guarded by tel_lock */

/* ---- column helpers ---- */

static struct rte_tel_data *column(enum rte_tel_value_type type)
{
	struct rte_tel_data *c = rte_tel_data_alloc();

	if (c != NULL)
		rte_tel_data_start_array(c, type);
	return c;
}

/* Hand column c over to dict d under name; d then owns it. */
static int column_add(struct rte_tel_data *d, const char *name, struct rte_tel_data *c)
{
	if (c == NULL)
		return -ENOMEM;
	if (rte_tel_data_add_dict_container(d, name, c, 0) < 0) {
		rte_tel_data_free(c);
		return -ENOSPC;
	}
	return 0;
}

static const char *port_name_of(const struct rtr *r, uint16_t port_id)
{
	for (unsigned int i = 0; i < r->cfg.n_ports; i++)
		if (r->port_ids[i] == port_id)
			return r->cfg.ports[i].name;
	return "?";
}

/* Runs fn on the published router, or answers that it is not running. */
static int with_router(const char *cmd, const char *params, struct rte_tel_data *d,
                       int (*fn)(struct rtr *r, const char *params, struct rte_tel_data *d))
{
	int ret;

	pthread_mutex_lock(&tel_lock);
	if (tel_rtr == NULL) {
		rte_tel_data_string(d, "carp-router is not running");
		ret = 0;
	} else {
		rte_tel_data_start_dict(d);
		ret = fn(tel_rtr, params, d);
	}
	pthread_mutex_unlock(&tel_lock);
	if (ret < 0)
		RTR_LOG(ctl, WARNING, "telemetry %s: %s", cmd, strerror(-ret));
	return ret;
}

/* ---- /router/info ---- */

static int info(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *names = column(RTE_TEL_STRING_VAL), *devs = column(RTE_TEL_STRING_VAL),
	                    *ids = column(RTE_TEL_U64_VAL), *macs = column(RTE_TEL_STRING_VAL),
	                    *links = column(RTE_TEL_STRING_VAL), *speeds = column(RTE_TEL_U64_VAL),
	                    *rxq = column(RTE_TEL_U64_VAL), *txq = column(RTE_TEL_U64_VAL),
	                    *mtus = column(RTE_TEL_U64_VAL), *workers = column(RTE_TEL_U64_VAL);
	int ret = 0;

	(void)params;
	rte_tel_data_add_dict_string(d, "version", RTR_VERSION);
	rte_tel_data_add_dict_string(d, "dpdk", rte_version());
	rte_tel_data_add_dict_string(d, "config", r->args.config);
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
	ret |= column_add(d, "workers", workers);
	ret |= column_add(d, "ports", names);
	ret |= column_add(d, "port_devices", devs);
	ret |= column_add(d, "port_ids", ids);
	ret |= column_add(d, "port_macs", macs);
	ret |= column_add(d, "port_links", links);
	ret |= column_add(d, "port_speeds_mbps", speeds);
	ret |= column_add(d, "port_rx_queues", rxq);
	ret |= column_add(d, "port_tx_queues", txq);
	ret |= column_add(d, "port_mtus", mtus);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /router/stats ---- */

static int stats(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *c[8], *lc[3];
	static const char *const port_cols[8] = {
	    "port_rx_packets", "port_rx_bytes",  "port_tx_packets", "port_tx_bytes",
	    "port_tx_dropped", "port_rx_missed", "port_rx_errors",  "port_rx_nombuf",
	};
	struct rte_tel_data *names = column(RTE_TEL_STRING_VAL);
	struct fwd_lcore_stats sum, w;
	char key[64];
	int ret = 0;

	(void)params;
	fwd_stats_sum(r->ctx, &sum);
	for (int k = 0; k < 8; k++)
		c[k] = column(RTE_TEL_U64_VAL);
	for (int k = 0; k < 3; k++)
		lc[k] = column(RTE_TEL_U64_VAL);
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
	ret |= column_add(d, "ports", names);
	for (int k = 0; k < 8; k++)
		ret |= column_add(d, port_cols[k], c[k]);

	rte_tel_data_add_dict_u64(d, "forwarded", sum.events[FWD_EV_FORWARDED]);
	rte_tel_data_add_dict_u64(d, "drops_total", fwd_stats_drops_total(&sum));
	for (int k = 1; k < FWD_DROP_MAX; k++) {
		snprintf(key, sizeof(key), "drop_%s", fwd_drop_name(k));
		rte_tel_data_add_dict_u64(d, key, sum.drops[k]);
	}
	for (int k = 0; k < FWD_EV_MAX; k++)
		if (k != FWD_EV_FORWARDED)
			rte_tel_data_add_dict_u64(d, fwd_event_name(k), sum.events[k]);

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
	ret |= column_add(d, "lcores", lc[0]);
	ret |= column_add(d, "lcore_packets", lc[1]);
	ret |= column_add(d, "lcore_drops", lc[2]);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /router/routes ---- */

struct route_cols {
	const struct rtr *r;
	struct rte_tel_data *prefix, *type, *via, *port;
	uint64_t count;
};

static int route_row(const struct fwd_route_info *ri, void *arg)
{
	struct route_cols *rc = arg;
	char p[CFG_PFX_STRLEN], g[CFG_IP_STRLEN];

	/* counted in full; the columns stop at telemetry's array limit */
	if (rc->count++ >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return 0;
	rte_tel_data_add_array_string(rc->prefix, cfg_prefix_str(ri->prefix, ri->len, p));
	rte_tel_data_add_array_string(rc->type, fwd_route_type_name(ri->type));
	rte_tel_data_add_array_string(rc->via, ri->gateway != 0 ? cfg_ip_str(ri->gateway, g) : "");
	rte_tel_data_add_array_string(rc->port, port_name_of(rc->r, ri->port));
	return 0;
}

static int routes(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct route_cols rc = {
	    .r = r,
	    .prefix = column(RTE_TEL_STRING_VAL),
	    .type = column(RTE_TEL_STRING_VAL),
	    .via = column(RTE_TEL_STRING_VAL),
	    .port = column(RTE_TEL_STRING_VAL),
	};
	int ret = 0;

	(void)params;
	if (rc.prefix != NULL && rc.type != NULL && rc.via != NULL && rc.port != NULL)
		fwd_route_walk(r->ctx, route_row, &rc);
	rte_tel_data_add_dict_u64(d, "count", rc.count);
	ret |= column_add(d, "prefix", rc.prefix);
	ret |= column_add(d, "type", rc.type);
	ret |= column_add(d, "via", rc.via);
	ret |= column_add(d, "port", rc.port);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /router/neighbors ---- */

struct neigh_cols {
	const struct rtr *r;
	struct rte_tel_data *ip, *mac, *port, *state, *age;
	uint64_t count;
};

static int neigh_row(const struct fwd_neigh_info *ni, void *arg)
{
	struct neigh_cols *nc = arg;
	char ip[CFG_IP_STRLEN], mac[RTE_ETHER_ADDR_FMT_SIZE];

	if (nc->count++ >= RTE_TEL_MAX_ARRAY_ENTRIES)
		return 0;
	rte_ether_format_addr(mac, sizeof(mac), &ni->mac);
	rte_tel_data_add_array_string(nc->ip, cfg_ip_str(ni->ip, ip));
	rte_tel_data_add_array_string(nc->mac, mac);
	rte_tel_data_add_array_string(nc->port, port_name_of(nc->r, ni->port));
	rte_tel_data_add_array_string(nc->state, fwd_neigh_state_name(ni->state));
	rte_tel_data_add_array_u64(nc->age, ni->age_ms);
	return 0;
}

static int neighbors(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct neigh_cols nc = {
	    .r = r,
	    .ip = column(RTE_TEL_STRING_VAL),
	    .mac = column(RTE_TEL_STRING_VAL),
	    .port = column(RTE_TEL_STRING_VAL),
	    .state = column(RTE_TEL_STRING_VAL),
	    .age = column(RTE_TEL_U64_VAL),
	};
	int ret = 0;

	(void)params;
	if (nc.ip != NULL && nc.mac != NULL && nc.port != NULL && nc.state != NULL &&
	    nc.age != NULL)
		fwd_neigh_walk(r->ctx, fwd_now_ms(), neigh_row, &nc);
	rte_tel_data_add_dict_u64(d, "count", nc.count);
	ret |= column_add(d, "ip", nc.ip);
	ret |= column_add(d, "mac", nc.mac);
	ret |= column_add(d, "port", nc.port);
	ret |= column_add(d, "state", nc.state);
	ret |= column_add(d, "age_ms", nc.age);
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
		                 port_name_of(r, mine[k].port), mine[k].queue);

		if (c < 0)
			break;
		used += (size_t)c;
	}
}

static int lcores(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	static const char *const cols[7] = {"lcores",      "packets",     "polls",
	                                    "busy_polls",  "cycles_busy", "cycles_per_packet",
	                                    "busy_percent"};
	struct rte_tel_data *c[7], *queues = column(RTE_TEL_STRING_VAL);
	int ret = 0;

	(void)params;
	for (int k = 0; k < 7; k++)
		c[k] = column(RTE_TEL_U64_VAL);
	for (unsigned int i = 0; i < r->n_workers; i++) {
		struct fwd_lcore_stats w = {0};
		char q[RTE_TEL_MAX_STRING_LEN];
		uint64_t v[7];

		fwd_worker_stats(r->ctx, i, &w);
		v[0] = r->workers[i], v[1] = w.packets, v[2] = w.polls, v[3] = w.busy_polls;
		v[4] = w.cycles_busy;
		/* cycles per packet = busy cycles / packets; busy % = busy / total cycles */
		v[5] = w.packets != 0 ? w.cycles_busy / w.packets : 0;
		v[6] = w.cycles_total != 0 ? 100 * w.cycles_busy / w.cycles_total : 0;
		for (int k = 0; k < 7; k++)
			if (c[k] != NULL)
				rte_tel_data_add_array_u64(c[k], v[k]);
		worker_queues(r, i, q, sizeof(q));
		if (queues != NULL)
			rte_tel_data_add_array_string(queues, q);
	}
	rte_tel_data_add_dict_u64(d, "tsc_hz", rte_get_tsc_hz());
	for (int k = 0; k < 7; k++)
		ret |= column_add(d, cols[k], c[k]);
	ret |= column_add(d, "rx_queues", queues);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- registration ---- */

#define ROUTER_COMMANDS(X)                                                                         \
	X(info, "/router/info",                                                                    \
	  "Version, uptime, config file, polling mode, lcores; per port: device, MAC, link, "      \
	  "queues, MTU. No parameters.")                                                           \
	X(stats, "/router/stats",                                                                  \
	  "Per port rx/tx/drops, per drop reason totals, fast-path events, per lcore packets. "    \
	  "No parameters.")                                                                        \
	X(routes, "/router/routes",                                                                \
	  "The routing table (local, connected, gateway). No parameters.")                         \
	X(neighbors, "/router/neighbors",                                                          \
	  "The neighbour (ARP) table: ip, mac, port, state, age. No parameters.")                  \
	X(lcores, "/router/lcores",                                                                \
	  "Per worker lcore: packets, polls, cycles per packet, busy %, rx queues. No "            \
	  "parameters.")

#define HANDLER(fn, cmd, help)                                                                     \
	static int tel_##fn(const char *c, const char *params, struct rte_tel_data *d)             \
	{                                                                                          \
		return with_router(c, params, d, fn);                                              \
	}
ROUTER_COMMANDS(HANDLER)
#undef HANDLER

int rtr_telemetry_register(struct rtr *r)
{
	int ret = 0;

	pthread_mutex_lock(&tel_lock);
	tel_rtr = r;
	pthread_mutex_unlock(&tel_lock);
#define REGISTER(fn, cmd, help)                                                                    \
	if (ret == 0)                                                                              \
		ret = rte_telemetry_register_cmd(cmd, tel_##fn, help);
	ROUTER_COMMANDS(REGISTER)
#undef REGISTER
	if (ret < 0)
		RTR_LOG(ctl, ERR, "telemetry: cannot register commands: %s", strerror(-ret));
	return ret;
}

void rtr_telemetry_unpublish(void)
{
	pthread_mutex_lock(&tel_lock);
	tel_rtr = NULL;
	pthread_mutex_unlock(&tel_lock);
}
