/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Registration and lifetime of the /router/... telemetry commands (handlers:
 * tel_router.c, tel_tables.c). Handlers run on DPDK's telemetry
 * thread: they read counters (relaxed snapshots) and the published tables
 * through lib/fwd's walk functions, never fast-path state directly.
 *
 * Lifetime: the struct rtr pointer is published through a tel_pub;
 * rtr_telemetry_unpublish(), which main() calls before tearing the data
 * plane down, waits for the handlers in flight, so a handler never reads
 * freed tables. The lock is never taken on the fast path.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_telemetry.h>

#include "rtr.h"
#include "rtr_log.h"
#include "rtr_reload.h"
#include "tel.h"
#include "tel_carp.h"
#include "tel_pub.h"

/* How long /router/reload waits for the main thread (which serves a reload
 * within its 20 ms period; reading and checking a file takes milliseconds). */
#define RELOAD_WAIT_MS 10000

static struct tel_pub router_pub = TEL_PUB_INIT; /* struct rtr */

/* ---- column helpers ---- */

struct rte_tel_data *rtr_tel_column(enum rte_tel_value_type type)
{
	struct rte_tel_data *c = rte_tel_data_alloc();

	if (c != NULL)
		rte_tel_data_start_array(c, type);
	return c;
}

struct rte_tel_data *rtr_tel_dict(void)
{
	struct rte_tel_data *c = rte_tel_data_alloc();

	if (c != NULL)
		rte_tel_data_start_dict(c);
	return c;
}

/* Hand container c over to dict d under name; d then owns it. */
int rtr_tel_column_add(struct rte_tel_data *d, const char *name, struct rte_tel_data *c)
{
	if (c == NULL)
		return -ENOMEM;
	if (rte_tel_data_add_dict_container(d, name, c, 0) < 0) {
		rte_tel_data_free(c);
		return -ENOSPC;
	}
	return 0;
}

const char *rtr_tel_port_name(const struct rtr *r, uint16_t port_id)
{
	for (unsigned int i = 0; i < r->cfg.n_ports; i++)
		if (r->port_ids[i] == port_id)
			return r->cfg.ports[i].name;
	return "?";
}

int rtr_tel_with_router(const char *cmd, const char *params, struct rte_tel_data *d,
                        int (*fn)(struct rtr *r, const char *params, struct rte_tel_data *d))
{
	struct rtr *r = tel_pub_enter(&router_pub);
	int ret = 0;

	if (r == NULL) {
		rte_tel_data_string(d, "carp-router is not running");
	} else {
		rte_tel_data_start_dict(d);
		ret = fn(r, params, d);
	}
	tel_pub_leave(&router_pub);
	if (ret < 0)
		RTR_LOG(ctl, WARNING, "telemetry %s: %s", cmd, strerror(-ret));
	return ret;
}

/* ---- registration ---- */

#define ROUTER_COMMANDS(X)                                                                         \
	X(info, "/router/info",                                                                    \
	  "Version, uptime, config file, polling mode, lcores; per port: device, MAC, link, "      \
	  "queues, MTU. No parameters.")                                                           \
	X(stats, "/router/stats",                                                                  \
	  "Per port rx/tx/drops, packet pool use, per drop reason totals, fast-path events, "      \
	  "per lcore packets. "                                                                    \
	  "No parameters.")                                                                        \
	X(routes, "/router/routes",                                                                \
	  "The routing table (local, connected, gateway). No parameters.")                         \
	X(neighbors, "/router/neighbors",                                                          \
	  "The neighbour (ARP) table: ip, mac, port, state, age. No parameters.")                  \
	X(routes6, "/router/routes6",                                                              \
	  "The IPv6 routing table (local, connected, gateway). No parameters.")                    \
	X(neighbors6, "/router/neighbors6",                                                        \
	  "The IPv6 neighbour (NDP) table: ip, mac, port, state, age. No parameters.")             \
	X(lcores, "/router/lcores",                                                                \
	  "Per worker lcore: packets, polls, cycles per packet, busy %, rx queues. No "            \
	  "parameters.")

/* ---- /router/reload: not a with_router handler, it must not hold the
 * router's publication while the main thread swaps the configuration ---- */

static int tel_reload(const char *cmd, const char *params, struct rte_tel_data *d)
{
	struct rtr_reload_result *res = malloc(sizeof(*res)); /* 8 KiB of messages */
	struct rte_tel_data *errors = NULL;
	int ret;

	(void)cmd;
	(void)params;
	if (res == NULL)
		return -ENOMEM;
	ret = rtr_reload_request(res, RELOAD_WAIT_MS);
	if (ret == -ESRCH) {
		rte_tel_data_string(d, "carp-router is not running");
		free(res);
		return 0;
	}
	rte_tel_data_start_dict(d);
	if (ret < 0) {
		rte_tel_data_add_dict_string(d, "result", "pending");
		rte_tel_data_add_dict_string(d, "reason", "no answer from the main thread yet");
		free(res);
		return 0;
	}
	rte_tel_data_add_dict_string(d, "result", res->applied ? "applied" : "refused");
	rte_tel_data_add_dict_u64(d, "generation", res->generation);
	rte_tel_data_add_dict_string(d, "changes", res->changes);
	errors = rtr_tel_column(RTE_TEL_STRING_VAL);
	for (unsigned int i = 0; errors != NULL && i < res->errs.n; i++)
		rte_tel_data_add_array_string(errors, res->errs.msg[i]);
	ret = rtr_tel_column_add(d, "errors", errors);
	free(res);
	return ret < 0 ? -ENOMEM : 0;
}

#define HANDLER(fn, cmd, help)                                                                     \
	static int tel_##fn(const char *c, const char *params, struct rte_tel_data *d)             \
	{                                                                                          \
		return rtr_tel_with_router(c, params, d, rtr_tel_##fn);                            \
	}
ROUTER_COMMANDS(HANDLER)
#undef HANDLER

int rtr_telemetry_register(struct rtr *r)
{
	int ret = 0;

	tel_pub_set(&router_pub, r);
#define REGISTER(fn, cmd, help)                                                                    \
	if (ret == 0)                                                                              \
		ret = rte_telemetry_register_cmd(cmd, tel_##fn, help);
	ROUTER_COMMANDS(REGISTER)
#undef REGISTER
	if (ret == 0)
		ret = rte_telemetry_register_cmd(
		    "/router/reload", tel_reload,
		    "Re-read the -c file, check it, apply the difference or refuse it (errors: "
		    "FILE:LINE: reason). No parameters.");
	if (ret < 0)
		RTR_LOG(ctl, ERR, "telemetry: cannot register commands: %s", strerror(-ret));
	return ret;
}

void rtr_telemetry_unpublish(void)
{
	tel_pub_set(&router_pub, NULL);
}

/* Lock order: router, then carp (a /router/info handler enters carp_pub). */
void rtr_telemetry_pause(void)
{
	tel_pub_hold(&router_pub);
	rtr_telemetry_carp_hold(true);
}

void rtr_telemetry_resume(void)
{
	rtr_telemetry_carp_hold(false);
	tel_pub_release(&router_pub);
}
