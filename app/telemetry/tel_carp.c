/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The /carp/... telemetry commands (contract section 6). Read handlers copy
 * what the control lcore publishes (lib/carp's status views, the port and
 * host cells of struct ctl, relaxed counters) and the configuration; they
 * never call into the state machine. Write handlers send a request to the
 * control lcore and wait for its answer (ctl_request, 1 s at most).
 *
 * DPDK 22.11 telemetry nests dicts but no dict inside an array and has no
 * floats or null: the vhids of /carp/info are a dict keyed by vhid, and
 * durations are integer milliseconds (_ms).
 *
 * Lifetime: the struct ctl pointer is published through a tel_pub (shared
 * by every handler, so a read never waits on a write request's wait);
 * rtr_telemetry_carp_unpublish() waits for the handlers in flight before
 * main() destroys the control state.
 *
 * Nothing the client sent is echoed unless ctl_req_params_safe says so:
 * DPDK 22.11 copies reply strings into the JSON unescaped.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_telemetry.h>

#include "carp_status.h"
#include "cfg_inet.h"
#include "ctl.h"
#include "fwd.h"
#include "rtr.h"
#include "rtr_log.h"
#include "tel.h"
#include "tel_carp.h"
#include "tel_pub.h"

static struct tel_pub carp_pub = TEL_PUB_INIT; /* struct ctl */


/* ---- /carp/list ---- */

static int carp_list(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	(void)params;
	rte_tel_data_start_array(d, RTE_TEL_STRING_VAL);
	for (unsigned int i = 0; c != NULL && i < c->n_ifs; i++)
		rte_tel_data_add_array_string(d, c->ifs[i].ifc.cfg.name);
	return 0;
}

/* ---- /carp/info,IFACE ---- */

/* Does `mac` belong to carp interface ci (a node's vMAC in either form,
 * or the interface MAC)? */
static bool mac_of_if(const struct ctl_if *ci, const uint8_t mac[6])
{
	uint8_t v[6];

	if (memcmp(mac, ci->ifc.bal.cfg.mac, 6) == 0)
		return true;
	for (unsigned int n = 0; n < ci->ifc.bal.cfg.count; n++)
		for (int mc = 0; mc < 2; mc++) {
			carp_vmac(ci->ifc.bal.cfg.node_vhid[n], mc != 0, v);
			if (memcmp(mac, v, 6) == 0)
				return true;
		}
	return false;
}

static int vhid_entry(struct ctl *c, struct ctl_if *ci, const struct carp_if_view *v,
                      unsigned int n, uint64_t now, struct rte_tel_data *vhids)
{
	const struct carp_vhost_view *vh = &v->vh[n];
	const struct cfg_carp_if *cc = &c->r->cfg.carp.ifs[ci->cfg_if];
	struct rte_tel_data *e = rtr_tel_dict(), *lt = rtr_tel_dict();
	uint64_t ago_ms = now > vh->changed_at ? (now - vh->changed_at) / 1000 : 0;
	uint32_t ma = atomic_load_explicit(&ci->master_addr[n], memory_order_relaxed);
	uint8_t prev = atomic_load_explicit(&ci->prev_state[n], memory_order_relaxed);
	char key[8], ip[CFG_IP_STRLEN];

	if (e == NULL || lt == NULL) {
		rte_tel_data_free(e);
		rte_tel_data_free(lt);
		return -ENOMEM;
	}
	rte_tel_data_add_dict_u64(e, "vhid", vh->vhid);
	rte_tel_data_add_dict_string(e, "state", carp_state_name((enum carp_state)vh->state));
	rte_tel_data_add_dict_u64(e, "advskew", vh->advskew);
	if (vh->state == CARP_STATE_MASTER) {
		rte_tel_data_add_dict_u64(e, "master_since_ms", ago_ms);
		/* the master is us: our advert source (carpdev address) */
		ma = carp_be32(ci->ifc.cfg.src4);
		if (ma == 0 && cc->n_addrs > 0)
			ma = cc->addrs[0].addr;
	}
	rte_tel_data_add_dict_string(e, "master_addr", ma != 0 ? cfg_ip_str(ma, ip) : "");
	rte_tel_data_add_dict_u64(e, "transitions", vh->transitions);
	rte_tel_data_add_dict_u64(e, "garps", vh->garps);
	rte_tel_data_add_dict_string(lt, "from", carp_state_name((enum carp_state)prev));
	rte_tel_data_add_dict_string(lt, "to", carp_state_name((enum carp_state)vh->state));
	rte_tel_data_add_dict_string(lt, "reason", carp_reason_desc((enum carp_reason)vh->reason));
	rte_tel_data_add_dict_u64(lt, "ago_ms", ago_ms);
	if (rtr_tel_column_add(e, "last_transition", lt) < 0) {
		rte_tel_data_free(e);
		return -ENOMEM;
	}
	snprintf(key, sizeof(key), "%u", vh->vhid);
	return rtr_tel_column_add(vhids, key, e);
}

static int carp_info(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	struct ctl_if *ci = c != NULL ? ctl_if_find(c, params) : NULL;
	struct rte_tel_data *addrs, *vmacs, *vhids, *dsrc;
	const struct cfg_carp_if *cc;
	struct ctl_port_pub pp;
	struct carp_if_view v;
	char buf[CFG_PFX_STRLEN > CFG_MAC_STRLEN ? CFG_PFX_STRLEN : CFG_MAC_STRLEN];
	uint64_t now;
	int ret = 0;

	if (ci == NULL) {
		rte_tel_data_start_dict(d);
		rte_tel_data_add_dict_string(d, "error",
		                             params == NULL || *params == '\0'
		                                 ? "usage: /carp/info,IFACE"
		                                 : "no such carp interface");
		if (ctl_req_params_safe(params)) /* else not echoed */
			rte_tel_data_add_dict_string(d, "name", params);
		return 0;
	}
	if (!carp_view_read(&ci->ifc.view, &v, 1000) || !ctl_port_read(&c->ports[ci->port], &pp))
		return -EBUSY;
	now = ctl_now_us(c);
	cc = &c->r->cfg.carp.ifs[ci->cfg_if];
	rte_tel_data_start_dict(d);
	rte_tel_data_add_dict_string(d, "name", cc->name);
	rte_tel_data_add_dict_string(d, "carpdev", cc->carpdev);
	rte_tel_data_add_dict_string(d, "balancing",
	                             carp_balancing_name((enum carp_balancing)v.mode));
	rte_tel_data_add_dict_u64(d, "advbase", v.advbase);
	rte_tel_data_add_dict_u64(d, "demote", v.demote);
	rte_tel_data_add_dict_string(d, "admin", v.admin_up ? "up" : "down");
	rte_tel_data_add_dict_string(d, "link", v.link_up ? "up" : "down");
	addrs = rtr_tel_column(RTE_TEL_STRING_VAL);
	for (unsigned int a = 0; addrs != NULL && a < cc->n_addrs; a++)
		rte_tel_data_add_array_string(
		    addrs, cfg_prefix_str(cc->addrs[a].addr, cc->addrs[a].len, buf));
	ret |= rtr_tel_column_add(d, "addresses", addrs);
	cfg_mac_str(ci->ifc.bal.cfg.mac, buf);
	rte_tel_data_add_dict_string(d, "mac", buf);
	rte_tel_data_add_dict_string(d, "filter",
	                             pp.promisc    ? "promiscuous"
	                             : pp.allmulti ? "allmulticast"
	                                           : "mac");
	vmacs = rtr_tel_column(RTE_TEL_STRING_VAL);
	for (unsigned int k = 0; vmacs != NULL && k < pp.n_uc + pp.n_mc; k++) {
		const uint8_t *m = k < pp.n_uc ? pp.uc[k] : pp.mc[k - pp.n_uc];

		if (!mac_of_if(ci, m))
			continue;
		cfg_mac_str(m, buf);
		rte_tel_data_add_array_string(vmacs, buf);
	}
	ret |= rtr_tel_column_add(d, "vmacs_installed", vmacs);
	rte_tel_data_add_dict_u64(d, "vmac_flip_us_last", pp.flip_last_us);
	rte_tel_data_add_dict_u64(d, "vmac_flip_us_max", pp.flip_max_us);
	dsrc = rtr_tel_dict();
	for (unsigned int s = 0; dsrc != NULL && s < CARP_DEMOTE__COUNT; s++)
		rte_tel_data_add_dict_u64(dsrc, carp_demote_src_name((enum carp_demote_src)s),
		                          v.demote_src[s]);
	ret |= rtr_tel_column_add(d, "demote_sources", dsrc);
	vhids = rtr_tel_dict();
	for (unsigned int n = 0; vhids != NULL && n < v.nvh && n < CARP_MAX_NODES; n++)
		ret |= vhid_entry(c, ci, &v, n, now, vhids);
	ret |= rtr_tel_column_add(d, "vhids", vhids);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /carp/stats ---- */

/* Starts the reply as a dict and copies the host view the control lcore
 * publishes: 1 when hp holds it, 0 when there is no CARP (empty reply),
 * -EBUSY when no consistent copy could be read. */
static int host_snapshot(struct ctl *c, struct rte_tel_data *d, struct ctl_host_pub *hp)
{
	rte_tel_data_start_dict(d);
	if (c == NULL)
		return 0;
	return ctl_host_read(c, hp) ? 1 : -EBUSY;
}

/* carpstats as OpenBSD counts them: the fast path drops two kinds of
 * protocol-112 frame before they reach lib/carp (fwd_carp_classify): an
 * unusable IPv4 header (hdrops) and a TTL other than 255 (badttl); both
 * were received CARP packets (ipackets) in OpenBSD's sense. */
static void add_fast_path_drops(const struct ctl *c, struct carp_stats *st)
{
	struct fwd_lcore_stats sum;
	uint64_t hd, ttl;

	fwd_stats_sum(c->r->ctx, &sum);
	hd = sum.drops[FWD_DROP_CARP_HDROPS];
	ttl = sum.drops[FWD_DROP_CARP_BADTTL];
	st->c[CARP_STAT_HDROPS] += hd;
	st->c[CARP_STAT_BADTTL] += ttl;
	st->c[CARP_STAT_IPACKETS] += hd + ttl;
}

static int carp_stats(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	struct ctl_host_pub hp;
	int ret;

	(void)params;
	ret = host_snapshot(c, d, &hp);
	if (ret <= 0)
		return ret;
	add_fast_path_drops(c, &hp.stats);
	for (unsigned int s = 0; s < CARP_STAT__COUNT; s++)
		rte_tel_data_add_dict_u64(d, carp_stat_name((enum carp_stat)s), hp.stats.c[s]);
	rte_tel_data_add_dict_u64(d, "hook_runs",
	                          atomic_load_explicit(&c->hooks.runs, memory_order_relaxed));
	rte_tel_data_add_dict_u64(d, "hook_failures",
	                          atomic_load_explicit(&c->hooks.failures, memory_order_relaxed));
	rte_tel_data_add_dict_u64(d, "hook_timeouts",
	                          atomic_load_explicit(&c->hooks.timeouts, memory_order_relaxed));
	rte_tel_data_add_dict_u64(d, "hook_dropped",
	                          atomic_load_explicit(&c->hooks.dropped, memory_order_relaxed));
	rte_tel_data_add_dict_u64(d, "timer_late_us_last",
	                          atomic_load_explicit(&c->late_us_last, memory_order_relaxed));
	rte_tel_data_add_dict_u64(d, "timer_late_us_max",
	                          atomic_load_explicit(&c->late_us_max, memory_order_relaxed));
	for (unsigned int k = 0; k < CTL_CNT__COUNT; k++)
		rte_tel_data_add_dict_u64(d, ctl_counter_name((enum ctl_counter)k),
		                          atomic_load_explicit(&c->cnt[k], memory_order_relaxed));
	return 0;
}

/* ---- /carp/groups ---- */

static int carp_groups(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	struct ctl_host_pub hp;
	int ret;

	(void)params;
	ret = host_snapshot(c, d, &hp);
	if (ret <= 0)
		return ret;
	ret = 0;
	for (unsigned int g = 0; g < hp.groups.n && g < CARP_MAX_GROUPS; g++) {
		struct rte_tel_data *e = rtr_tel_dict(), *l = rtr_tel_dict();
		char name[CARP_GROUP_NAME_MAX];

		if (e == NULL || l == NULL) {
			rte_tel_data_free(e);
			rte_tel_data_free(l);
			return -ENOMEM;
		}
		rte_tel_data_add_dict_u64(e, "demote", carp_group_count(&hp.groups.g[g]));
		for (unsigned int s = 0; s < CARP_DEMOTE__COUNT; s++)
			rte_tel_data_add_dict_u64(l, carp_demote_src_name((enum carp_demote_src)s),
			                          hp.groups.g[g].ledger[s]);
		ret |= rtr_tel_column_add(e, "ledger", l);
		memcpy(name, hp.groups.g[g].name, sizeof(name));
		name[sizeof(name) - 1] = '\0';
		ret |= rtr_tel_column_add(d, name, e);
	}
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- write commands ---- */

static int carp_write(struct ctl *c, enum ctl_req_op op, const char *params, struct rte_tel_data *d)
{
	struct ctl_req req;
	struct ctl_req_reply rep;
	char err[CTL_REQ_ERR_MAX];

	rte_tel_data_start_dict(d);
	if (c == NULL) {
		rte_tel_data_add_dict_string(d, "error", "no carp interfaces configured");
		return 0;
	}
	if (ctl_req_parse(op, params, &req, err, sizeof(err)) < 0) {
		rte_tel_data_add_dict_string(d, "error", err);
		return 0;
	}
	if (ctl_request(c, &req, &rep) < 0) {
		rte_tel_data_add_dict_string(d, "error", rep.msg);
		return 0;
	}
	rte_tel_data_add_dict_string(d, "result", "ok");
	if (op == CTL_REQ_DEMOTE) /* the group's counter now, as advertised */
		rte_tel_data_add_dict_u64(d, "demote", (uint64_t)rep.value);
	return 0;
}

static int carp_demote(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	return carp_write(c, CTL_REQ_DEMOTE, params, d);
}

static int carp_state(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	return carp_write(c, CTL_REQ_STATE, params, d);
}

static int carp_advskew(struct ctl *c, const char *params, struct rte_tel_data *d)
{
	return carp_write(c, CTL_REQ_ADVSKEW, params, d);
}

/* ---- columns of /router/info ---- */

int rtr_telemetry_carp_ports(const struct rtr *r, struct rte_tel_data *d)
{
	struct rte_tel_data *filt = rtr_tel_column(RTE_TEL_STRING_VAL), *last = rtr_tel_column(RTE_TEL_U64_VAL),
	                    *max = rtr_tel_column(RTE_TEL_U64_VAL);
	int ret = 0;

	if (r->ctl != NULL)
		rte_tel_data_add_dict_u64(d, "control_lcore", r->ctl->lcore);
	for (unsigned int i = 0; filt != NULL && last != NULL && max != NULL && i < r->cfg.n_ports;
	     i++) {
		struct ctl_port_pub pp = {0};
		const char *f =
		    rte_eth_promiscuous_get(r->port_ids[i]) == 1 ? "promiscuous" : "mac";

		for (unsigned int k = 0; r->ctl != NULL && k < r->ctl->n_ports; k++)
			if (r->ctl->ports[k].port_id == r->port_ids[i] &&
			    ctl_port_read(&r->ctl->ports[k], &pp))
				f = pp.promisc    ? "promiscuous"
				    : pp.allmulti ? "allmulticast"
				                  : "mac";
		rte_tel_data_add_array_string(filt, f);
		rte_tel_data_add_array_u64(last, pp.flip_last_us);
		rte_tel_data_add_array_u64(max, pp.flip_max_us);
	}
	ret |= rtr_tel_column_add(d, "port_filter", filt);
	ret |= rtr_tel_column_add(d, "port_vmac_flip_us_last", last);
	ret |= rtr_tel_column_add(d, "port_vmac_flip_us_max", max);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- registration ---- */

/* Help texts: telemetry takes fewer than 128 characters. */
#define CARP_COMMANDS(X)                                                                           \
	X(carp_list, "/carp/list", "Names of the carp interfaces. No parameters.")                 \
	X(carp_info, "/carp/info",                                                                 \
	  "A carp interface: carpdev, addresses, MAC filter; per vhid state, advskew, last "       \
	  "transition, master. Param: IFACE")                                                      \
	X(carp_stats, "/carp/stats", "carpstats counters, hook and tx counters. No parameters.")   \
	X(carp_groups, "/carp/groups",                                                             \
	  "Interface groups: demote counter and its ledger by source. No parameters.")             \
	X(carp_demote, "/carp/demote", "Adjust a group's demotion: GROUP,DELTA (+N or -N).")       \
	X(carp_state, "/carp/state", "Force a vhid's state: IFACE,VHID,master|backup.")            \
	X(carp_advskew, "/carp/advskew", "Set a vhid's advskew: IFACE,VHID,N (0-254).")

#define HANDLER(fn, cmd, help)                                                                     \
	static int tel_##fn(const char *cm, const char *params, struct rte_tel_data *d)            \
	{                                                                                          \
		int ret = fn(tel_pub_enter(&carp_pub), params, d);                                 \
		tel_pub_leave(&carp_pub);                                                          \
		if (ret < 0)                                                                       \
			RTR_LOG(ctl, WARNING, "telemetry %s: %s", cm, strerror(-ret));             \
		return ret;                                                                        \
	}
CARP_COMMANDS(HANDLER)
#undef HANDLER

int rtr_telemetry_carp_register(struct ctl *c)
{
	int ret = 0;

	tel_pub_set(&carp_pub, c);
#define REGISTER(fn, cmd, help)                                                                    \
	if (ret == 0)                                                                              \
		ret = rte_telemetry_register_cmd(cmd, tel_##fn, help);
	CARP_COMMANDS(REGISTER)
#undef REGISTER
	if (ret < 0)
		RTR_LOG(ctl, ERR, "telemetry: cannot register /carp commands: %s", strerror(-ret));
	return ret;
}

void rtr_telemetry_carp_unpublish(void)
{
	tel_pub_set(&carp_pub, NULL);
}

void rtr_telemetry_carp_hold(bool hold)
{
	if (hold)
		tel_pub_hold(&carp_pub);
	else
		tel_pub_release(&carp_pub);
}
