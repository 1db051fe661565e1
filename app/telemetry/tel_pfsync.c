/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /pfsync/info: what `ifconfig pfsync0` and `netstat -s -p pfsync` show
 * (syncdev, syncpeer, maxupd, defer, the bulk update's state and progress,
 * pfsyncstats), plus the demotion pfsync holds on group carp and the rings'
 * counters. Read from the status the sync context publishes each round
 * (rtr_pfsync_read); the handler never calls into the engine.
 */
#include <errno.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_telemetry.h>

#include "rtr_pfsync.h" /* first: lib/pf's names before lib/pfsync's (fwd_pfsync.h) */
#include "cfg_inet.h"
#include "pfsync_engine.h"
#include "rtr.h"
#include "rtr_log.h"
#include "tel.h"
#include "tel_pfsync.h"

static int pfsync_info(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	struct rte_tel_data *cnt = rtr_tel_dict(), *fwd = rtr_tel_dict(), *pend = rtr_tel_dict();
	struct rtr_pfsync_view v;
	struct pfsync_status st;
	char ip[CFG_IP_STRLEN];
	int ret = 0;

	(void)params;
	if (!rtr_pfsync_read(r->pfsync, &v, &st)) {
		rte_tel_data_add_dict_string(d, "status", "not running");
		return 0;
	}
	rte_tel_data_add_dict_string(d, "status", st.up ? "up" : "down");
	rte_tel_data_add_dict_string(d, "syncdev", v.syncdev);
	rte_tel_data_add_dict_string(d, "syncpeer", cfg_ip_str(v.syncpeer, ip));
	rte_tel_data_add_dict_u64(d, "maxupd", v.maxupd);
	rte_tel_data_add_dict_string(d, "defer", v.defer ? "on" : "off");
	rte_tel_data_add_dict_string(d, "auth", pfsync_auth_mode_name(v.auth));
	rte_tel_data_add_dict_string(d, "link", st.link_up ? "up" : "down");
	rte_tel_data_add_dict_string(d, "bulk_state", pfsync_breq_state_name(st.bulk_state));
	rte_tel_data_add_dict_u64(d, "bulk_tries", st.bulk_tries);
	rte_tel_data_add_dict_u64(d, "bulk_expected", st.bulk_expected);
	rte_tel_data_add_dict_u64(d, "bulk_received", st.bulk_received);
	rte_tel_data_add_dict_string(d, "bulk_sending", st.bulk_sending ? "yes" : "no");
	rte_tel_data_add_dict_u64(d, "bulk_sent", st.bulk_sent);
	rte_tel_data_add_dict_u64(d, "bulk_total", st.bulk_total);
	rte_tel_data_add_dict_u64(d, "demotion", st.demotion);
	rte_tel_data_add_dict_u64(d, "states_known", v.shadow_states);
	rte_tel_data_add_dict_u64(d, "deferred", st.deferred);
	for (unsigned int i = 0; pend != NULL && i < PFSYNC_Q__COUNT; i++)
		rte_tel_data_add_dict_u64(pend, pfsync_qkind_name(i), st.pending[i]);
	if (pend != NULL)
		rte_tel_data_add_dict_u64(pend, "upd_req", st.pending_ureq);
	for (unsigned int i = 0; cnt != NULL && i < PFSYNC_STAT__COUNT; i++)
		rte_tel_data_add_dict_u64(cnt, pfsync_stat_name(i), st.stats.c[i]);
	for (unsigned int i = 0; fwd != NULL && i < FWD_PFSYNC_ST__COUNT; i++)
		rte_tel_data_add_dict_u64(fwd, fwd_pfsync_stat_name(i), v.fwd[i]);
	ret |= rtr_tel_column_add(d, "pending", pend);
	ret |= rtr_tel_column_add(d, "counters", cnt);
	ret |= rtr_tel_column_add(d, "rings", fwd);
	return ret < 0 ? -ENOMEM : 0;
}

static int tel_pfsync_info(const char *c, const char *params, struct rte_tel_data *d)
{
	return rtr_tel_with_router(c, params, d, pfsync_info);
}

int rtr_telemetry_pfsync_register(struct rtr *r)
{
	int ret;

	if (r->pfsync == NULL)
		return 0;
	ret = rte_telemetry_register_cmd("/pfsync/info", tel_pfsync_info,
	                                 "pfsync as ifconfig pfsync0 + netstat -s -p pfsync: "
	                                 "syncdev, bulk, demotion, counters. No parameters.");
	if (ret < 0)
		RTR_LOG(ctl, ERR, "telemetry: cannot register /pfsync/info: %s", strerror(-ret));
	return ret;
}
