/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The CARP host: input validation in OpenBSD order (spec 4.1), timer
 * dispatch, carpdev link events and demotion (spec 6.1).
 */
#include <errno.h>
#include <string.h>

#include "carp_host.h"
#include "carp_internal.h"

/* End of every entry point that may change state: publish each interface's
 * status for telemetry threads, then tell the caller when to call
 * carp_host_timeout next. Drops never come here (see drop()). */
static void push_deadline(struct carp_host *h, uint64_t now, struct carp_actions *out)
{
	struct carp_action *a;
	unsigned i;

	for (i = 0; i < h->n_ifs; i++) {
		carp_view_publish(&h->ifs[i]->view, h->ifs[i], now);
		h->ifs[i]->view_behind = false;
	}
	a = carp_actions_push(out, CARP_ACT_DEADLINE);
	if (a)
		a->u.deadline.at = carp_host_next_deadline(h);
}

static uint64_t env_next_deadline(const void *host)
{
	return carp_host_next_deadline(host);
}

int carp_host_init(struct carp_host *h, const struct carp_host_config *cfg)
{
	memset(h, 0, sizeof(*h));
	if (cfg == NULL || cfg->random == NULL)
		return -EINVAL;
	h->random = cfg->random;
	h->random_arg = cfg->random_arg;
	h->preempt = cfg->preempt;
	h->allow = !cfg->disallow;
	carp_groups_init(&h->groups);
	h->env = (struct carp_if_env){
	    .stats = &h->stats,
	    .groups = &h->groups,
	    .preempt = &h->preempt,
	    .random = h->random,
	    .random_arg = h->random_arg,
	    .next_deadline = env_next_deadline,
	    .host = h,
	};
	if (cfg->boot_demote)
		carp_group_adjust(&h->groups.g[0], CARP_DEMOTE_BOOT, CARP_BOOT_DEMOTE);
	return 0;
}

void carp_host_set_preempt(struct carp_host *h, bool on)
{
	h->preempt = on;
}

void carp_host_set_allow(struct carp_host *h, bool on)
{
	h->allow = on;
}

uint64_t carp_host_next_deadline(const struct carp_host *h)
{
	uint64_t d = CARP_NEVER, x;
	unsigned i;

	for (i = 0; h != NULL && i < h->n_ifs; i++) {
		x = carp_if_next_deadline(h->ifs[i]);
		if (x < d)
			d = x;
	}
	return d;
}

static bool vhid_taken(const struct carp_host *h, const struct carp_if *ifc)
{
	unsigned i, j, k;

	for (i = 0; i < h->n_ifs; i++) {
		const struct carp_if *o = h->ifs[i];

		if (o->cfg.carpdev != ifc->cfg.carpdev)
			continue;
		for (j = 0; j < o->nvh; j++)
			for (k = 0; k < ifc->nvh; k++)
				if (o->vh[j].vhid == ifc->vh[k].vhid)
					return true;
	}
	return false;
}

/* h->by_vhid[v]: bit i set when h->ifs[i] has a node with vhid v, so the
 * input lookup touches only the interfaces that can match (normally one).
 * Rebuilt when the interface list changes (attach, detach). */
static void index_vhids(struct carp_host *h)
{
	unsigned i, j;

	memset(h->by_vhid, 0, sizeof(h->by_vhid));
	for (i = 0; i < h->n_ifs; i++)
		for (j = 0; j < h->ifs[i]->nvh; j++)
			h->by_vhid[h->ifs[i]->vh[j].vhid] |= (uint16_t)(1u << i);
}

/* Every MASTER of every running carp interface advertises now. */
static void advertise_all(struct carp_host *h, uint64_t now, struct carp_actions *out)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		carp_if_advertise_masters(h->ifs[i], now, out);
}

/* carp_group_demote_adj(): adjust every group of `ifc`; an increase that
 * leaves a group counter at exactly 1 makes all masters advertise. */
static void demote_if(struct carp_host *h, struct carp_if *ifc, enum carp_demote_src src, int delta,
                      uint64_t now, struct carp_actions *out)
{
	bool need_ad = false;
	unsigned i;

	for (i = 0; i < ifc->n_groups; i++) {
		uint8_t c = carp_group_adjust(&h->groups.g[ifc->group_idx[i]], src, delta);
		if (delta > 0 && c == 1)
			need_ad = true;
	}
	if (need_ad)
		advertise_all(h, now, out);
}

int carp_host_attach(struct carp_host *h, struct carp_if *ifc, uint64_t now,
                     struct carp_actions *out)
{
	unsigned i;
	int g;

	if (h->n_ifs >= CARP_MAX_IFS)
		return -ENOSPC;
	if (ifc->nvh == 0)
		return -EINVAL;
	if (vhid_taken(h, ifc))
		return -EEXIST;
	ifc->group_idx[0] = 0;
	ifc->n_groups = 1;
	for (i = 0; i < ifc->cfg.n_groups; i++) {
		g = carp_groups_get(&h->groups, ifc->cfg.groups[i]);
		if (g < 0)
			return g;
		if (g != 0)
			ifc->group_idx[ifc->n_groups++] = (uint8_t)g;
	}
	/* OpenBSD draws the replay cookie once per vhost and never changes it */
	for (i = 0; i < ifc->nvh; i++)
		ifc->vh[i].counter = h->random(h->random_arg);
	ifc->env = &h->env;
	h->ifs[h->n_ifs++] = ifc;
	index_vhids(h);
	carp_if_start(ifc, now, CARP_REASON_CONFIG, out);
	push_deadline(h, now, out);
	return 0;
}

void carp_host_detach(struct carp_host *h, struct carp_if *ifc, uint64_t now,
                      struct carp_actions *out)
{
	unsigned i;

	for (i = 0; i < h->n_ifs && h->ifs[i] != ifc; i++)
		;
	if (i == h->n_ifs)
		return;
	carp_if_stop(ifc, now, CARP_REASON_DETACH, true, true, out);
	/* give back the demotions this interface contributed */
	if (ifc->suppressed)
		demote_if(h, ifc, CARP_DEMOTE_LINK, -1, now, out);
	if (ifc->sendad_errors >= 3 * ifc->nvh)
		demote_if(h, ifc, CARP_DEMOTE_SENDERR, -1, now, out);
	ifc->suppressed = false;
	ifc->sendad_errors = ifc->sendad_success = 0;
	memmove(&h->ifs[i], &h->ifs[i + 1], (h->n_ifs - i - 1) * sizeof(h->ifs[0]));
	h->n_ifs--;
	index_vhids(h);
	ifc->env = NULL;
	carp_if_publish_balance(ifc);            /* detached: not running */
	carp_view_publish(&ifc->view, ifc, now); /* last word: INIT, no demotion */
	push_deadline(h, now, out);
}

static bool on_carpdev(const struct carp_host *h, uint16_t carpdev)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		if (h->ifs[i]->cfg.carpdev == carpdev)
			return true;
	return false;
}

/* OpenBSD's lookup: among the carp interfaces of this carpdev whose peer
 * kind (multicast/unicast) matches the destination, the first with vhid.
 * Only the interfaces holding that vhid are looked at (by_vhid). */
static struct carp_vhost *lookup(struct carp_host *h, uint16_t carpdev, const struct carp_pkt *p,
                                 struct carp_if **ifc)
{
	uint16_t cand = h->by_vhid[p->adv.vhid];

	while (cand) {
		struct carp_if *c = h->ifs[__builtin_ctz(cand)];
		bool peer = p->family == CARP_AF_INET ? c->cfg.peer4_set : c->cfg.peer6_set;

		cand &= (uint16_t)(cand - 1);
		if (c->cfg.carpdev != carpdev || p->dst_multicast == peer)
			continue;
		*ifc = c;
		return carp_if_find(c, p->adv.vhid);
	}
	return NULL;
}

/*
 * A rejected packet costs its counters and nothing else: no action (the
 * deadline is unchanged) and no publication. The interface it was matched
 * to only notes that its view is behind (its counters are in it);
 * carp_host_publish_views, called once per control-loop pass, catches up.
 * So a flood of garbage costs the same whatever the number of interfaces.
 */
static int drop(struct carp_host *h, struct carp_if *ifc, enum carp_stat s)
{
	h->stats.c[s]++;
	if (ifc) {
		ifc->stats.c[s]++;
		ifc->view_behind = true;
	}
	return (int)s;
}

void carp_host_publish_views(struct carp_host *h, uint64_t now)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		if (h->ifs[i]->view_behind) {
			carp_view_publish(&h->ifs[i]->view, h->ifs[i], now);
			h->ifs[i]->view_behind = false;
		}
}

static int input_parsed(struct carp_host *h, uint64_t now, uint16_t carpdev,
                        enum carp_parse_result r, const struct carp_pkt *p,
                        struct carp_actions *out)
{
	enum carp_stat in = p->family == CARP_AF_INET6 ? CARP_STAT_IPACKETS6 : CARP_STAT_IPACKETS;
	struct carp_if *ifc = NULL;
	struct carp_vhost *v;

	h->stats.c[in]++;
	if (!h->allow)
		return drop(h, NULL, CARP_STAT_DISABLED);
	if (!on_carpdev(h, carpdev))
		return drop(h, NULL, CARP_STAT_BADIF);
	switch (r) {
	case CARP_PARSE_OK:
	case CARP_PARSE_BADVER:
		break;
	case CARP_PARSE_HDROPS:
		return drop(h, NULL, CARP_STAT_HDROPS);
	case CARP_PARSE_BADLEN:
		return drop(h, NULL, CARP_STAT_BADLEN);
	case CARP_PARSE_BADTTL:
		return drop(h, NULL, CARP_STAT_BADTTL);
	case CARP_PARSE_BADSUM:
		return drop(h, NULL, CARP_STAT_BADSUM);
	default: /* VRRP: counted, never looked up, never disruptive */
		return drop(h, NULL, CARP_STAT_VRRP);
	}
	v = lookup(h, carpdev, p, &ifc);
	if (v == NULL || !carp_if_running(ifc))
		return drop(h, ifc, CARP_STAT_BADVHID);
	ifc->stats.c[in]++;
	if (r == CARP_PARSE_BADVER)
		return drop(h, ifc, CARP_STAT_BADVER);
	if (!carp_auth_verify(&v->auth, p->adv.counter, p->adv.md))
		return drop(h, ifc, CARP_STAT_BADAUTH);
	/* our own cookie: a looped-back copy of our advertisement */
	if (p->adv.counter == v->counter)
		return drop(h, ifc, CARP_STAT_LOOP);
	carp_if_rx(ifc, v, now, p->family, &p->adv, out);
	push_deadline(h, now, out);
	return 0;
}

int carp_host_input(struct carp_host *h, uint64_t now, uint16_t carpdev, const uint8_t *pkt,
                    size_t len, struct carp_actions *out)
{
	struct carp_pkt p;
	enum carp_parse_result r = carp_ip_parse(pkt, len, &p);

	return input_parsed(h, now, carpdev, r, &p, out);
}

int carp_host_input_frame(struct carp_host *h, uint64_t now, uint16_t carpdev, const uint8_t *frame,
                          size_t len, struct carp_actions *out)
{
	struct carp_pkt p;
	enum carp_parse_result r = carp_frame_parse(frame, len, &p);

	return input_parsed(h, now, carpdev, r, &p, out);
}

void carp_host_timeout(struct carp_host *h, uint64_t now, struct carp_actions *out)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++)
		carp_if_timers(h->ifs[i], now, out);
	push_deadline(h, now, out);
}

void carp_host_link(struct carp_host *h, uint64_t now, uint16_t carpdev, bool up,
                    struct carp_actions *out)
{
	unsigned i;

	for (i = 0; i < h->n_ifs; i++) {
		struct carp_if *ifc = h->ifs[i];

		if (ifc->cfg.carpdev != carpdev || ifc->link_up == up)
			continue;
		ifc->link_up = up;
		carp_if_publish_balance(ifc); /* link is part of "running" */
		if (!up) {
			/* nothing can be sent: no bow-out; filters stay */
			carp_if_stop(ifc, now, CARP_REASON_LINK_DOWN, false, false, out);
			if (!ifc->suppressed) {
				ifc->suppressed = true;
				demote_if(h, ifc, CARP_DEMOTE_LINK, +1, now, out);
			}
		} else {
			if (ifc->suppressed) {
				ifc->suppressed = false;
				demote_if(h, ifc, CARP_DEMOTE_LINK, -1, now, out);
			}
			carp_if_start(ifc, now, CARP_REASON_LINK_UP, out);
		}
	}
	push_deadline(h, now, out);
}

static bool if_in_group(const struct carp_if *ifc, int g)
{
	unsigned i;

	for (i = 0; i < ifc->n_groups; i++)
		if (ifc->group_idx[i] == g)
			return true;
	return false;
}

int carp_host_demote(struct carp_host *h, uint64_t now, const char *group, int delta,
                     enum carp_demote_src src, struct carp_actions *out)
{
	int g = carp_groups_find(&h->groups, group);
	uint8_t c;
	unsigned i;

	if (g < 0)
		return g;
	if (delta < -CARP_DEMOTE_MAX || delta > CARP_DEMOTE_MAX ||
	    (unsigned)src >= CARP_DEMOTE__COUNT)
		return -EINVAL;
	if (src == CARP_DEMOTE_OPERATOR && carp_group_operator_check(&h->groups.g[g], delta) < 0)
		return -ERANGE;
	c = carp_group_adjust(&h->groups.g[g], src, delta);
	if (delta > 0 && src == CARP_DEMOTE_OPERATOR) {
		/* ifconfig -g G carpdemote N: the group's masters advertise
		 * at once so peers take over without waiting */
		for (i = 0; i < h->n_ifs; i++)
			if (if_in_group(h->ifs[i], g))
				carp_if_advertise_masters(h->ifs[i], now, out);
	} else if (delta > 0 && c == 1) {
		advertise_all(h, now, out);
	}
	push_deadline(h, now, out);
	return 0;
}

void carp_host_boot_done(struct carp_host *h, uint64_t now, struct carp_actions *out)
{
	carp_group_adjust(&h->groups.g[0], CARP_DEMOTE_BOOT, -CARP_DEMOTE_MAX);
	push_deadline(h, now, out);
}

void carp_host_send_result(struct carp_host *h, uint64_t now, struct carp_if *ifc, int err,
                           struct carp_actions *out)
{
	unsigned max = 3 * ifc->nvh; /* CARP_SENDAD_MAX_ERRORS */

	if (err) {
		h->stats.c[CARP_STAT_ONOMEM]++;
		ifc->stats.c[CARP_STAT_ONOMEM]++;
		if (ifc->sendad_errors < 0x7fffffffu)
			ifc->sendad_errors++;
		if (ifc->sendad_errors == max)
			demote_if(h, ifc, CARP_DEMOTE_SENDERR, +1, now, out);
		ifc->sendad_success = 0;
	} else if (ifc->sendad_errors >= max) {
		if (++ifc->sendad_success >= max) {
			demote_if(h, ifc, CARP_DEMOTE_SENDERR, -1, now, out);
			ifc->sendad_errors = 0;
			ifc->sendad_success = 0;
		}
	} else {
		ifc->sendad_errors = 0;
	}
	push_deadline(h, now, out);
}

int carp_host_group_demote(const struct carp_host *h, const char *group,
                           uint16_t ledger[CARP_DEMOTE__COUNT])
{
	int g = carp_groups_find(&h->groups, group);
	unsigned i;

	if (g < 0)
		return g;
	for (i = 0; ledger && i < CARP_DEMOTE__COUNT; i++)
		ledger[i] = h->groups.g[g].ledger[i];
	return carp_group_count(&h->groups.g[g]);
}
