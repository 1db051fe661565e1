/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /pf/info, /pf/states, /pf/rules: the filter as pfctl -si, -ss and -vsr
 * show it (scripts/pfctl prints them that way). Counters are summed over
 * the worker tables with relaxed loads (fwd_filter.h); states are copied
 * out of the tables while the workers run, page by page, so a million
 * states never make one reply: DPDK 22.11 telemetry replies are at most
 * 16 KB and arrays 512 entries. The router is published by tel_main.c;
 * the filter lives as long as it (rtr_filter.c).
 *
 *   /pf/states,START,LIMIT   LIMIT states (default 32, at most 64) from
 *                            position START (default 0); "next" is where
 *                            the following page starts, "more" 0 at the end
 *   /pf/rules,START,LIMIT    the same for rules (default and at most 100)
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_telemetry.h>

#include "fwd_filter.h"
#include "pf_names.h"
#include "pf_state.h"
#include "rtr.h"
#include "rtr_log.h"
#include "tel.h"
#include "tel_pf.h"

#define STATES_PAGE     32
#define STATES_PAGE_MAX 64
#define RULES_PAGE_MAX  100

/* "START,LIMIT" (both optional) into *start, *limit; -EINVAL if malformed. */
static int page_params(const char *params, uint64_t *start, unsigned int *limit, unsigned int max)
{
	char *end;

	if (params == NULL || *params == '\0')
		return 0;
	*start = strtoull(params, &end, 10);
	if (end == params || (*end != '\0' && *end != ','))
		return -EINVAL;
	if (*end == ',') {
		const char *l = end + 1;
		unsigned long v = strtoul(l, &end, 10);

		if (end == l || *end != '\0' || v == 0)
			return -EINVAL;
		*limit = v > max ? max : (unsigned int)v;
	}
	return 0;
}

static uint32_t now_s(void)
{
	return (uint32_t)(rte_rdtsc() / rte_get_tsc_hz());
}

/* ---- /pf/info ---- */

/* pfctl's counter name as a telemetry key: telemetry allows letters, digits and '_'. */
static const char *key_of(const char *pfctl_name, char *buf, size_t len)
{
	size_t i;

	for (i = 0; pfctl_name[i] != '\0' && i + 1 < len; i++)
		buf[i] = pfctl_name[i] == ' ' || pfctl_name[i] == '-' ? '_' : pfctl_name[i];
	buf[i] = '\0';
	return buf;
}

static int pf_info(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	const struct pf_ruleset *rs = fwd_filter_ruleset(r->pf);
	struct rte_tel_data *cnt = rtr_tel_dict(), *lim = rtr_tel_dict();
	struct pf_status s;
	uint64_t slots;
	char k[32];
	int ret = 0;

	(void)params;
	fwd_filter_status(r->pf, &s, &slots);
	rte_tel_data_add_dict_string(d, "status", "enabled");
	rte_tel_data_add_dict_string(d, "rules_file", r->cfg.filter.rules);
	rte_tel_data_add_dict_u64(d, "rules", rs->nrules);
	rte_tel_data_add_dict_u64(d, "workers", fwd_filter_workers(r->pf));
	rte_tel_data_add_dict_u64(d, "state_limit", rs->limit_states);
	rte_tel_data_add_dict_u64(d, "state_slots", slots);
	rte_tel_data_add_dict_u64(d, "current_entries", s.states);
	rte_tel_data_add_dict_u64(d, "half_open_tcp", s.states_halfopen);
	for (unsigned int i = 0; i < PF_FCNT__COUNT; i++)
		rte_tel_data_add_dict_u64(d, key_of(pf_fcounter_name(i), k, sizeof(k)),
		                          s.fcounters[i]);
	rte_tel_data_add_dict_u64(d, "rule_lookups", fwd_filter_lookups(r->pf));
	for (unsigned int i = 0; cnt != NULL && i < PF_REASON__COUNT; i++)
		rte_tel_data_add_dict_u64(cnt, key_of(pf_reason_name(i), k, sizeof(k)),
		                          s.counters[i]);
	for (unsigned int i = 0; lim != NULL && i < PF_LCNT__COUNT; i++)
		rte_tel_data_add_dict_u64(lim, key_of(pf_lcounter_name(i), k, sizeof(k)),
		                          s.lcounters[i]);
	ret |= rtr_tel_column_add(d, "counters", cnt);
	ret |= rtr_tel_column_add(d, "limit_counters", lim);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /pf/states ---- */

static const char *peer_state(const struct pf_state *st, const struct pf_state_peer *p, char *buf,
                              size_t len)
{
	static const char *const tcp[] = {"CLOSED",      "LISTEN",     "SYN_SENT",   "SYN_RCVD",
	                                  "ESTABLISHED", "CLOSE_WAIT", "FIN_WAIT_1", "CLOSING",
	                                  "LAST_ACK",    "FIN_WAIT_2", "TIME_WAIT",  "PROXY_SRC",
	                                  "PROXY_DST"};
	static const char *const pseudo[] = {"NO_TRAFFIC", "SINGLE", "MULTIPLE"};
	uint8_t proto = st->key[PF_SK_WIRE].proto;

	if (proto == PF_PROTO_TCP && p->state < sizeof(tcp) / sizeof(tcp[0]))
		return tcp[p->state];
	if (proto != PF_PROTO_TCP && proto != PF_PROTO_ICMP && proto != PF_PROTO_ICMP6 &&
	    p->state < 3)
		return pseudo[p->state];
	snprintf(buf, len, "%u", p->state);
	return buf;
}

static void endpoint(const struct pf_state_key *k, unsigned int i, char *buf, size_t len)
{
	char a[PF_ADDR_STRLEN];
	bool ports = k->proto == PF_PROTO_TCP || k->proto == PF_PROTO_UDP;

	pf_addr_format(&k->addr[i], k->af, a, sizeof(a));
	if (!ports)
		snprintf(buf, len, "%s", a);
	else if (k->af == PF_AF_INET6)
		snprintf(buf, len, "[%s]:%u", a, (unsigned)rte_be_to_cpu_16(k->port[i]));
	else
		snprintf(buf, len, "%s:%u", a, (unsigned)rte_be_to_cpu_16(k->port[i]));
}

/*
 * pfctl -ss's line: "all PROTO DST <- SRC" for a state made inbound, "all
 * PROTO SRC (ORIG) -> DST" for one made outbound, (ORIG) when NAT changed
 * the source; then "   SRCSTATE:DSTSTATE" (the peers' TCP or pseudo states).
 */
static void state_line(const struct pf_state *st, char *buf, size_t len)
{
	const struct pf_state_key *w = &st->key[PF_SK_WIRE], *k = &st->key[PF_SK_STACK];
	unsigned int s = st->direction == PF_OUT ? 1 : 0, d = !s;
	const char *pn = pf_proto_name(w->proto);
	char src[64], orig[80] = "", dst[64], pname[8], b1[8], b2[8];

	endpoint(w, s, src, sizeof(src));
	endpoint(w, d, dst, sizeof(dst));
	if (memcmp(w, k, sizeof(*w)) != 0) {
		char o[64];

		endpoint(k, s, o, sizeof(o));
		snprintf(orig, sizeof(orig), " (%s)", o);
	}
	if (pn == NULL) {
		snprintf(pname, sizeof(pname), "%u", w->proto);
		pn = pname;
	}
	if (st->direction == PF_OUT)
		snprintf(buf, len, "all %s %s%s -> %s    ", pn, src, orig, dst);
	else
		snprintf(buf, len, "all %s %s <- %s%s    ", pn, dst, src, orig);
	snprintf(buf + strlen(buf), len - strlen(buf), "%s:%s",
	         peer_state(st, &st->src, b1, sizeof(b1)),
	         peer_state(st, &st->dst, b2, sizeof(b2)));
}

static int pf_states(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	const struct pf_ruleset *rs = fwd_filter_ruleset(r->pf);
	struct rte_tel_data *lines, *ids, *rules, *pkts, *bytes, *age, *exp;
	struct pf_state st[STATES_PAGE_MAX];
	unsigned int limit = STATES_PAGE, n;
	uint64_t pos = 0, slots;
	uint32_t now = now_s();
	struct pf_status status;
	int ret = 0;

	if (page_params(params, &pos, &limit, STATES_PAGE_MAX) < 0) {
		rte_tel_data_string(d, "usage: /pf/states[,START[,LIMIT]]");
		return 0;
	}
	/* the columns only now: a usage answer must not leave them behind */
	lines = rtr_tel_column(RTE_TEL_STRING_VAL);
	ids = rtr_tel_column(RTE_TEL_U64_VAL);
	rules = rtr_tel_column(RTE_TEL_INT_VAL);
	pkts = rtr_tel_column(RTE_TEL_U64_VAL);
	bytes = rtr_tel_column(RTE_TEL_U64_VAL);
	age = rtr_tel_column(RTE_TEL_U64_VAL);
	exp = rtr_tel_column(RTE_TEL_INT_VAL);
	fwd_filter_status(r->pf, &status, &slots);
	n = fwd_filter_states(r->pf, &pos, st, limit);
	for (unsigned int i = 0; i < n && lines && ids && rules && pkts && bytes && age && exp;
	     i++) {
		struct pf_expire_ctx ec = {.timeout = rs->timeout, .states = status.states};
		char line[256];

		state_line(&st[i], line, sizeof(line));
		rte_tel_data_add_array_string(lines, line);
		rte_tel_data_add_array_u64(ids, st[i].id);
		rte_tel_data_add_array_int(rules, st[i].rule);
		rte_tel_data_add_array_u64(pkts, st[i].packets[0] + st[i].packets[1]);
		rte_tel_data_add_array_u64(bytes, st[i].bytes[0] + st[i].bytes[1]);
		rte_tel_data_add_array_u64(age, now - st[i].creation);
		rte_tel_data_add_array_int(exp,
		                           (int)((int64_t)pf_state_expires(&st[i], &ec) - now));
	}
	rte_tel_data_add_dict_u64(d, "current_entries", status.states);
	rte_tel_data_add_dict_u64(d, "count", n);
	rte_tel_data_add_dict_u64(d, "next", pos == UINT64_MAX ? 0 : pos);
	rte_tel_data_add_dict_int(d, "more", pos != UINT64_MAX);
	ret |= rtr_tel_column_add(d, "states", lines);
	ret |= rtr_tel_column_add(d, "ids", ids);
	ret |= rtr_tel_column_add(d, "rules", rules);
	ret |= rtr_tel_column_add(d, "packets", pkts);
	ret |= rtr_tel_column_add(d, "bytes", bytes);
	ret |= rtr_tel_column_add(d, "age_s", age);
	ret |= rtr_tel_column_add(d, "expires_in_s", exp);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- /pf/rules ---- */

static int pf_rules(struct rtr *r, const char *params, struct rte_tel_data *d)
{
	static const char *const actions[] = {"pass", "block", "match"};
	const struct pf_ruleset *rs = fwd_filter_ruleset(r->pf);
	struct rte_tel_data *nr, *line, *act, *ev, *pin, *pout, *bin, *bout, *scur, *stot;
	unsigned int limit = RULES_PAGE_MAX, n = 0;
	uint64_t start = 0, i;
	int ret = 0;

	if (page_params(params, &start, &limit, RULES_PAGE_MAX) < 0) {
		rte_tel_data_string(d, "usage: /pf/rules[,START[,LIMIT]]");
		return 0;
	}
	nr = rtr_tel_column(RTE_TEL_U64_VAL);
	line = rtr_tel_column(RTE_TEL_U64_VAL);
	act = rtr_tel_column(RTE_TEL_STRING_VAL);
	ev = rtr_tel_column(RTE_TEL_U64_VAL);
	pin = rtr_tel_column(RTE_TEL_U64_VAL);
	pout = rtr_tel_column(RTE_TEL_U64_VAL);
	bin = rtr_tel_column(RTE_TEL_U64_VAL);
	bout = rtr_tel_column(RTE_TEL_U64_VAL);
	scur = rtr_tel_column(RTE_TEL_U64_VAL);
	stot = rtr_tel_column(RTE_TEL_U64_VAL);
	for (i = start; i < rs->nrules && n < limit && nr && line && act && ev && pin && pout &&
	                bin && bout && scur && stot;
	     i++, n++) {
		const struct pf_rule *ru = &rs->rules[i];
		struct pf_rule_stats s;

		fwd_filter_rule_stats(r->pf, (uint32_t)i, &s);
		rte_tel_data_add_array_u64(nr, ru->nr);
		rte_tel_data_add_array_u64(line, ru->line);
		rte_tel_data_add_array_string(act, actions[ru->action < 3 ? ru->action : 2]);
		rte_tel_data_add_array_u64(ev, s.evaluations);
		rte_tel_data_add_array_u64(pin, s.packets[0]);
		rte_tel_data_add_array_u64(pout, s.packets[1]);
		rte_tel_data_add_array_u64(bin, s.bytes[0]);
		rte_tel_data_add_array_u64(bout, s.bytes[1]);
		rte_tel_data_add_array_u64(scur, s.states_cur);
		rte_tel_data_add_array_u64(stot, s.states_tot);
	}
	rte_tel_data_add_dict_string(d, "rules_file", r->cfg.filter.rules);
	rte_tel_data_add_dict_u64(d, "rule_count", rs->nrules);
	rte_tel_data_add_dict_u64(d, "next", i < rs->nrules ? i : 0);
	rte_tel_data_add_dict_int(d, "more", i < rs->nrules);
	ret |= rtr_tel_column_add(d, "rules", nr);
	ret |= rtr_tel_column_add(d, "lines", line);
	ret |= rtr_tel_column_add(d, "actions", act);
	ret |= rtr_tel_column_add(d, "evaluations", ev);
	ret |= rtr_tel_column_add(d, "packets_in", pin);
	ret |= rtr_tel_column_add(d, "packets_out", pout);
	ret |= rtr_tel_column_add(d, "bytes_in", bin);
	ret |= rtr_tel_column_add(d, "bytes_out", bout);
	ret |= rtr_tel_column_add(d, "states_cur", scur);
	ret |= rtr_tel_column_add(d, "states_tot", stot);
	return ret < 0 ? -ENOMEM : 0;
}

/* ---- registration ---- */

/* Help texts: at most 127 characters (RTE_TEL_MAX_STRING_LEN). */
#define PF_COMMANDS(X)                                                                             \
	X(pf_info, "/pf/info",                                                                     \
	  "The filter as pfctl -si: states, counters by reason. No parameters.")                   \
	X(pf_states, "/pf/states",                                                                 \
	  "States as pfctl -ss, a page: START,LIMIT (0,32; LIMIT <= 64); next: the next START.")   \
	X(pf_rules, "/pf/rules",                                                                   \
	  "Rules as pfctl -vsr: evaluations, packets, bytes, states. START,LIMIT (LIMIT <= 100).")

#define HANDLER(fn, cmd, help)                                                                     \
	static int tel_##fn(const char *c, const char *params, struct rte_tel_data *d)             \
	{                                                                                          \
		return rtr_tel_with_router(c, params, d, fn);                                      \
	}
PF_COMMANDS(HANDLER)
#undef HANDLER

int rtr_telemetry_pf_register(struct rtr *r)
{
	int ret = 0;

	if (r->pf == NULL)
		return 0;
#define REGISTER(fn, cmd, help)                                                                    \
	if (ret == 0)                                                                              \
		ret = rte_telemetry_register_cmd(cmd, tel_##fn, help);
	PF_COMMANDS(REGISTER)
#undef REGISTER
	if (ret < 0)
		RTR_LOG(ctl, ERR, "telemetry: cannot register /pf commands: %s", strerror(-ret));
	return ret;
}
