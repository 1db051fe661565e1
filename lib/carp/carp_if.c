/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A carp interface and its nodes' state machines (spec 5, 7, 8). Decisions
 * come from carp_fsm.c; this file keeps the state, arms deadlines and
 * emits actions.
 */
#include <errno.h>
#include <string.h>

#include "carp_internal.h"

#define FAM_IDX(f) ((f) == CARP_AF_INET6 ? 1 : 0)

static bool is_leader(const struct carp_if *ifc, const struct carp_vhost *v)
{
	return v == &ifc->vh[0];
}

static bool has_family(const struct carp_if *ifc, int idx)
{
	return idx == 0 ? ifc->cfg.addrs.n4 > 0 : ifc->cfg.addrs.n6 > 0;
}

static uint64_t interval(const struct carp_if *ifc, const struct carp_vhost *v)
{
	return carp_interval_us(ifc->cfg.advbase, v->advskew);
}

static void count(struct carp_if *ifc, enum carp_stat s)
{
	ifc->stats.c[s]++;
	if (ifc->env)
		ifc->env->stats->c[s]++;
}

struct carp_vhost *carp_if_find(struct carp_if *ifc, uint8_t vhid)
{
	unsigned i;

	for (i = 0; i < ifc->nvh; i++)
		if (ifc->vh[i].vhid == vhid)
			return &ifc->vh[i];
	return NULL;
}

const struct carp_vhost *carp_if_vhost(const struct carp_if *ifc, uint8_t vhid)
{
	return carp_if_find((struct carp_if *)ifc, vhid);
}

bool carp_if_running(const struct carp_if *ifc)
{
	return ifc->env != NULL && ifc->admin_up && ifc->link_up &&
	       (ifc->cfg.addrs.n4 > 0 || ifc->cfg.addrs.n6 > 0);
}

uint8_t carp_if_demote(const struct carp_if *ifc)
{
	unsigned sum = 0, i;

	if (ifc->env == NULL)
		return 0;
	for (i = 0; i < ifc->n_groups; i++)
		sum += carp_group_count(&ifc->env->groups->g[ifc->group_idx[i]]);
	return sum > CARP_DEMOTE_MAX ? CARP_DEMOTE_MAX : (uint8_t)sum;
}

uint64_t carp_if_next_deadline(const struct carp_if *ifc)
{
	uint64_t d = CARP_NEVER;
	unsigned i;

	for (i = 0; i < ifc->nvh; i++) {
		const struct carp_vhost *v = &ifc->vh[i];

		if (v->ad_at < d)
			d = v->ad_at;
		if (v->md_at[0] < d)
			d = v->md_at[0];
		if (v->md_at[1] < d)
			d = v->md_at[1];
	}
	return d;
}

void carp_if_publish_balance(struct carp_if *ifc)
{
	uint32_t mask = 0;
	unsigned i;

	for (i = 0; i < ifc->nvh; i++)
		if (ifc->vh[i].state == CARP_STATE_MASTER)
			mask |= 1u << i;
	carp_balance_publish(&ifc->bal, mask, carp_if_running(ifc));
}

static void set_state(struct carp_if *ifc, struct carp_vhost *v, enum carp_state st,
                      enum carp_reason why, uint64_t now, struct carp_actions *out)
{
	struct carp_action *a;
	enum carp_state old = v->state;

	if (old == st)
		return;
	v->state = (uint8_t)st;
	v->reason = (uint8_t)why;
	v->changed_at = now;
	v->transitions++;
	if (old == CARP_STATE_BACKUP && st == CARP_STATE_MASTER)
		count(ifc, CARP_STAT_PREEMPT); /* carps_preempt, as OpenBSD */
	a = carp_actions_push(out, CARP_ACT_STATE);
	if (a) {
		a->ifc = ifc;
		a->carpdev = ifc->cfg.carpdev;
		a->vhid = v->vhid;
		a->u.state.old_state = (uint8_t)old;
		a->u.state.new_state = (uint8_t)st;
		a->u.state.reason = (uint8_t)why;
	}
	carp_if_publish_balance(ifc);
}

/* carp_setrun(): BACKUP re-arms master-down (one family, or every family
 * with addresses when family is 0); MASTER re-arms the advertisement. */
static void setrun(struct carp_if *ifc, struct carp_vhost *v, uint64_t now, uint8_t family)
{
	/* master-down = 3 x (advbase + advskew/256) s */
	uint64_t md = now + carp_master_down_us(ifc->cfg.advbase, v->advskew);
	int f;

	switch (v->state) {
	case CARP_STATE_BACKUP:
		v->ad_at = CARP_NEVER;
		v->delayed_arp = -1;
		for (f = 0; f < 2; f++) {
			if (family != 0 && f != FAM_IDX(family))
				continue;
			if (family != 0 || has_family(ifc, f))
				v->md_at[f] = md;
		}
		break;
	case CARP_STATE_MASTER:
		v->md_at[0] = v->md_at[1] = CARP_NEVER;
		v->ad_at = now + interval(ifc, v);
		break;
	default:
		v->ad_at = v->md_at[0] = v->md_at[1] = CARP_NEVER;
		break;
	}
}

static void adv_src_mac(const struct carp_if *ifc, const struct carp_vhost *v, uint8_t mac[6])
{
	/* ip/ip-stealth: never leak the carp MAC as a source (spec 7.2, 12) */
	if (carp_bal_src_is_parent(&ifc->bal.cfg))
		memcpy(mac, ifc->cfg.parent_mac, 6);
	else if (is_leader(ifc, v))
		memcpy(mac, ifc->mac, 6);
	else
		carp_vmac(v->vhid, false, mac);
}

static void garp_all(struct carp_if *ifc, struct carp_vhost *v, uint64_t now,
                     enum carp_garp_reason why, struct carp_actions *out)
{
	struct carp_action *a;
	unsigned i;

	for (i = 0; i < ifc->cfg.addrs.n4; i++) {
		a = carp_actions_push(out, CARP_ACT_GARP);
		if (a == NULL)
			break;
		a->ifc = ifc;
		a->carpdev = ifc->cfg.carpdev;
		a->vhid = v->vhid;
		memcpy(a->u.garp.mac, ifc->mac, 6);
		memcpy(a->u.garp.ip, ifc->cfg.addrs.v4[i], 4);
		a->u.garp.reason = (uint8_t)why;
	}
	v->garps++;
	v->last_garp_at = now;
}

static void na_all(struct carp_if *ifc, struct carp_vhost *v, struct carp_actions *out)
{
	struct carp_action *a;
	unsigned i;

	for (i = 0; i < ifc->cfg.addrs.n6; i++) {
		a = carp_actions_push(out, CARP_ACT_NA);
		if (a == NULL)
			break;
		a->ifc = ifc;
		a->carpdev = ifc->cfg.carpdev;
		a->vhid = v->vhid;
		memcpy(a->u.na.mac, ifc->mac, 6);
		memcpy(a->u.na.ip6, ifc->cfg.addrs.v6[i], 16);
	}
}

static bool is_zero(const uint8_t *p, unsigned n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

static void push_adv(struct carp_if *ifc, struct carp_vhost *v, int f,
                     const uint8_t hdr[CARP_HDR_LEN], bool bow_out, struct carp_actions *out)
{
	struct carp_action *a = carp_actions_push(out, CARP_ACT_SEND_ADV);
	struct carp_tx_addr *ta;
	bool peer = f == 0 ? ifc->cfg.peer4_set : ifc->cfg.peer6_set;
	int n;

	if (a == NULL)
		return;
	a->ifc = ifc;
	a->carpdev = ifc->cfg.carpdev;
	a->vhid = v->vhid;
	ta = &a->u.adv.ta;
	ta->family = f == 0 ? CARP_AF_INET : CARP_AF_INET6;
	adv_src_mac(ifc, v, ta->src_mac);
	if (f == 0) {
		/* no carpdev address given: OpenBSD falls back to one of
		 * the carp interface's own addresses */
		memcpy(ta->src_ip, is_zero(ifc->cfg.src4, 4) ? ifc->cfg.addrs.v4[0] : ifc->cfg.src4,
		       4);
		memcpy(ta->dst_ip, peer ? ifc->cfg.peer4 : carp_group4, 4);
		memcpy(ta->dst_mac, carp_group4_mac, 6);
	} else {
		memcpy(ta->src_ip,
		       is_zero(ifc->cfg.src6, 16) ? ifc->cfg.addrs.v6[0] : ifc->cfg.src6, 16);
		memcpy(ta->dst_ip, peer ? ifc->cfg.peer6 : carp_group6, 16);
		memcpy(ta->dst_mac, carp_group6_mac, 6);
	}
	if (peer) {
		a->u.adv.unicast = true;
		if (ifc->cfg.peer_mac_set)
			memcpy(ta->dst_mac, ifc->cfg.peer_mac, 6);
		else {
			memset(ta->dst_mac, 0, 6);
			a->u.adv.need_dst_mac = true;
		}
	}
	if (f == 0 && ifc->env)
		ta->ip_id = (uint16_t)ifc->env->random(ifc->env->random_arg);
	memcpy(a->u.adv.hdr, hdr, CARP_HDR_LEN);
	n = carp_frame_build(ta, hdr, a->u.adv.frame, sizeof(a->u.adv.frame));
	a->u.adv.frame_len = n > 0 ? (uint16_t)n : 0;
	a->u.adv.bow_out = bow_out;
	count(ifc, f == 0 ? CARP_STAT_OPACKETS : CARP_STAT_OPACKETS6);
}

/* carp_send_ad(): one advertisement per family with addresses. */
static void send_ad(struct carp_if *ifc, struct carp_vhost *v, uint64_t now, bool bow_out,
                    struct carp_actions *out)
{
	struct carp_adv adv = {
	    .version = CARP_VERSION,
	    .type = CARP_TYPE_ADVERTISEMENT,
	    .vhid = v->vhid,
	    .advskew = bow_out ? CARP_BOWOUT_ADVSKEW : v->advskew,
	    .authlen = CARP_AUTHLEN,
	    .demote = carp_if_demote(ifc),
	    .advbase = bow_out ? CARP_BOWOUT_ADVBASE : ifc->cfg.advbase,
	    .counter = v->counter,
	};
	uint8_t hdr[CARP_HDR_LEN];
	int f;

	if (carp_auth_digest(&v->auth, CARP_HMAC_NOV6LL, v->counter, adv.md))
		return; /* libcrypto failure: nothing sane to send */
	carp_adv_encode(&adv, hdr, true);
	for (f = 0; f < 2; f++)
		if (has_family(ifc, f))
			push_adv(ifc, v, f, hdr, bow_out, out);
	/* the repeat GARP rides on the 2nd advertisement after takeover */
	if (is_leader(ifc, v) && has_family(ifc, 0) && !bow_out) {
		if (v->delayed_arp > 0)
			v->delayed_arp--;
		if (v->delayed_arp == 0) {
			garp_all(ifc, v, now, CARP_GARP_REPEAT, out);
			v->delayed_arp = -1;
		}
	}
	if (!bow_out)
		v->ad_at = now + interval(ifc, v);
}

/* carp_master_down(): BACKUP -> MASTER, advertise, announce. */
static void become_master(struct carp_if *ifc, struct carp_vhost *v, uint64_t now,
                          enum carp_reason why, struct carp_actions *out)
{
	if (v->state != CARP_STATE_BACKUP)
		return;
	set_state(ifc, v, CARP_STATE_MASTER, why, now, out);
	v->md_at[0] = v->md_at[1] = CARP_NEVER;
	send_ad(ifc, v, now, false, out);
	if (ifc->mode == CARP_BAL_NONE && is_leader(ifc, v)) {
		garp_all(ifc, v, now, CARP_GARP_TAKEOVER, out);
		v->delayed_arp = 2;
		na_all(ifc, v, out);
	}
	setrun(ifc, v, now, 0);
}

static void become_backup(struct carp_if *ifc, struct carp_vhost *v, uint64_t now,
                          enum carp_reason why, struct carp_actions *out)
{
	set_state(ifc, v, CARP_STATE_BACKUP, why, now, out);
	setrun(ifc, v, now, 0);
}

void carp_if_rx(struct carp_if *ifc, struct carp_vhost *v, uint64_t now, uint8_t family,
                const struct carp_adv *adv, struct carp_actions *out)
{
	uint8_t dl = carp_if_demote(ifc);
	bool preempt = ifc->env && *ifc->env->preempt;
	enum carp_reason why;

	switch (v->state) {
	case CARP_STATE_MASTER:
		why = carp_fsm_master_rx(ifc->cfg.advbase, v->advskew, dl, adv->advbase,
		                         adv->advskew, adv->demote);
		if (why != CARP_REASON_NONE) {
			become_backup(ifc, v, now, why, out);
			break;
		}
		/* Another, worse master: a partition healed or a peer came
		 * up as master. We stay; re-announce so ARP caches and
		 * switches converge on us (USERS #1), at most once per
		 * interval so a chatty peer cannot make us flood. */
		if (now - v->last_garp_at < interval(ifc, v) && v->last_garp_at != 0)
			break;
		v->reannounces++;
		send_ad(ifc, v, now, false, out);
		if (ifc->mode == CARP_BAL_NONE && is_leader(ifc, v)) {
			garp_all(ifc, v, now, CARP_GARP_REANNOUNCE, out);
			na_all(ifc, v, out);
		} else {
			v->last_garp_at = now;
		}
		break;
	case CARP_STATE_BACKUP:
		why = carp_fsm_backup_rx(ifc->cfg.advbase, v->advskew, dl, adv->advbase,
		                         adv->advskew, adv->demote, preempt);
		if (why != CARP_REASON_NONE)
			become_master(ifc, v, now, why, out);
		else
			setrun(ifc, v, now, family);
		break;
	default:
		break; /* INIT ignores advertisements */
	}
}

void carp_if_timers(struct carp_if *ifc, uint64_t now, struct carp_actions *out)
{
	unsigned i;

	for (i = 0; i < ifc->nvh; i++) {
		struct carp_vhost *v = &ifc->vh[i];

		if (v->state == CARP_STATE_MASTER && v->ad_at <= now)
			send_ad(ifc, v, now, false, out);
		else if (v->state == CARP_STATE_BACKUP &&
		         (v->md_at[0] <= now || v->md_at[1] <= now))
			become_master(ifc, v, now, CARP_REASON_MASTER_DOWN, out);
	}
}

void carp_if_advertise_masters(struct carp_if *ifc, uint64_t now, struct carp_actions *out)
{
	unsigned i;

	if (!carp_if_running(ifc))
		return;
	for (i = 0; i < ifc->nvh; i++)
		if (ifc->vh[i].state == CARP_STATE_MASTER)
			send_ad(ifc, &ifc->vh[i], now, false, out);
}

/* The MACs this interface receives on its carpdev (spec 7.2). */
static unsigned vmacs(const struct carp_if *ifc, uint8_t macs[][6], bool *mc)
{
	unsigned i, n = 0;

	memcpy(macs[n], ifc->mac, 6);
	mc[n++] = ifc->mac[0] & 1;
	if (ifc->mode == CARP_BAL_ARP) {
		for (i = 1; i < ifc->nvh; i++) {
			carp_vmac(ifc->vh[i].vhid, false, macs[n]);
			mc[n++] = false;
		}
	}
	return n;
}

static void push_vmacs(struct carp_if *ifc, enum carp_action_type t, struct carp_actions *out)
{
	uint8_t macs[CARP_MAX_NODES][6];
	bool mc[CARP_MAX_NODES];
	struct carp_action *a;
	unsigned i, n = vmacs(ifc, macs, mc);

	for (i = 0; i < n; i++) {
		a = carp_actions_push(out, t);
		if (a == NULL)
			return;
		a->ifc = ifc;
		a->carpdev = ifc->cfg.carpdev;
		a->vhid = ifc->vh[i < ifc->nvh ? i : 0].vhid;
		memcpy(a->u.vmac.mac, macs[i], 6);
		a->u.vmac.multicast = mc[i];
	}
}

void carp_if_start(struct carp_if *ifc, uint64_t now, enum carp_reason why,
                   struct carp_actions *out)
{
	unsigned i;

	if (!carp_if_running(ifc))
		return;
	/* Filters go in when the interface comes up, not at takeover, so a
	 * slow NIC reprogramming never delays a failover (USERS #3). */
	if (!ifc->enabled) {
		push_vmacs(ifc, CARP_ACT_VMAC_ADD, out);
		ifc->enabled = true;
	}
	for (i = 0; i < ifc->nvh; i++) {
		struct carp_vhost *v = &ifc->vh[i];

		if (v->state != CARP_STATE_INIT)
			continue;
		set_state(ifc, v, CARP_STATE_BACKUP, why, now, out);
		setrun(ifc, v, now, 0);
	}
}

void carp_if_stop(struct carp_if *ifc, uint64_t now, enum carp_reason why, bool bow_out,
                  bool remove_macs, struct carp_actions *out)
{
	unsigned i;

	for (i = 0; bow_out && i < ifc->nvh; i++)
		if (ifc->vh[i].state == CARP_STATE_MASTER)
			send_ad(ifc, &ifc->vh[i], now, true, out);
	for (i = 0; i < ifc->nvh; i++) {
		struct carp_vhost *v = &ifc->vh[i];

		set_state(ifc, v, CARP_STATE_INIT, why, now, out);
		v->ad_at = v->md_at[0] = v->md_at[1] = CARP_NEVER;
		v->delayed_arp = -1;
	}
	if (remove_macs && ifc->enabled) {
		push_vmacs(ifc, CARP_ACT_VMAC_DEL, out);
		ifc->enabled = false;
	}
}

int carp_if_admin(struct carp_if *ifc, uint64_t now, enum carp_admin_op op, uint8_t vhid,
                  unsigned value, struct carp_actions *out)
{
	unsigned i;
	bool any = vhid == 0;

	if (ifc->env == NULL)
		return -ENXIO;
	if (vhid != 0 && carp_if_find(ifc, vhid) == NULL)
		return -ENOENT;
	if ((op == CARP_ADMIN_SET_ADVSKEW || op == CARP_ADMIN_SET_ADVBASE) && value > 254)
		return -EINVAL;
	switch (op) {
	case CARP_ADMIN_UP:
		ifc->admin_up = true;
		carp_if_start(ifc, now, CARP_REASON_ADMIN_UP, out);
		break;
	case CARP_ADMIN_DOWN:
		carp_if_stop(ifc, now, CARP_REASON_ADMIN_DOWN, true, true, out);
		ifc->admin_up = false;
		break;
	case CARP_ADMIN_SET_ADVBASE:
		ifc->cfg.advbase = (uint8_t)value;
		for (i = 0; i < ifc->nvh; i++)
			setrun(ifc, &ifc->vh[i], now, 0);
		break;
	default:
		for (i = 0; i < ifc->nvh; i++) {
			struct carp_vhost *v = &ifc->vh[i];

			if (!any && v->vhid != vhid)
				continue;
			if (op == CARP_ADMIN_FORCE_MASTER)
				become_master(ifc, v, now, CARP_REASON_FORCED, out);
			else if (op == CARP_ADMIN_FORCE_BACKUP && v->state != CARP_STATE_INIT)
				become_backup(ifc, v, now, CARP_REASON_FORCED, out);
			else if (op == CARP_ADMIN_SET_ADVSKEW) {
				v->advskew = (uint8_t)value;
				setrun(ifc, v, now, 0);
			}
		}
		break;
	}
	carp_if_publish_balance(ifc); /* admin_up is part of "running" */
	carp_view_publish(&ifc->view, ifc, now);
	if (out) {
		struct carp_action *a = carp_actions_push(out, CARP_ACT_DEADLINE);

		if (a)
			a->u.deadline.at = ifc->env->next_deadline(ifc->env->host);
	}
	return 0;
}
