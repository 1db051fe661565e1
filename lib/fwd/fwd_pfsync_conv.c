/* SPDX-License-Identifier: BSD-2-Clause */
/* pf state <-> pfsync state: see fwd_pfsync_conv.h. */
#include <arpa/inet.h>
#include <string.h>

#include "fwd_pfsync_conv.h"

void fwd_pfsync_peer_export(const struct pf_state_peer *p, struct pfsync_peer_msg *out)
{
	memset(out, 0, sizeof(*out)); /* no scrub state here */
	out->seqlo = p->seqlo;
	out->seqhi = p->seqhi;
	out->seqdiff = p->seqdiff;
	out->max_win = p->max_win;
	out->mss = p->mss;
	out->state = p->state;
	out->wscale = p->wscale;
}

void fwd_pfsync_peer_import(const struct pfsync_peer_msg *m, struct pf_state_peer *out)
{
	memset(out, 0, sizeof(*out));
	out->seqlo = m->seqlo;
	out->seqhi = m->seqhi;
	out->seqdiff = m->seqdiff;
	out->max_win = m->max_win;
	out->mss = m->mss;
	out->state = m->state;
	out->wscale = m->wscale;
}

static void key_export(const struct pf_state_key *k, struct pfsync_key_msg *out)
{
	for (unsigned int i = 0; i < 2; i++) {
		memcpy(out->addr[i], k->addr[i].b, 16);
		out->port[i] = ntohs(k->port[i]);
	}
	out->rdomain = k->rdomain;
	out->af = k->af;
}

static void key_import(const struct pfsync_key_msg *m, uint8_t af, uint8_t proto,
                       struct pf_state_key *out)
{
	memset(out, 0, sizeof(*out));
	for (unsigned int i = 0; i < 2; i++) {
		memcpy(out->addr[i].b, m->addr[i], 16);
		out->port[i] = htons(m->port[i]);
	}
	out->rdomain = m->rdomain;
	out->af = m->af ? m->af : af; /* OpenBSD may leave a key's af 0 */
	out->proto = proto;
}

void fwd_pfsync_export(const struct pf_state *st, const uint32_t *timeout, uint32_t now,
                       struct pfsync_state_msg *out)
{
	struct pf_expire_ctx c = {.timeout = timeout};

	memset(out, 0, sizeof(*out));
	out->id = st->id;
	memcpy(out->ifname, st->ifname, PF_IFNAMSIZ - 1);
	if (out->ifname[0] == '\0')
		strcpy(out->ifname, "all"); /* floating states */
	key_export(&st->key[PF_SK_WIRE], &out->key[PFSYNC_SK_WIRE]);
	key_export(&st->key[PF_SK_STACK], &out->key[PFSYNC_SK_STACK]);
	fwd_pfsync_peer_export(&st->src, &out->src);
	fwd_pfsync_peer_export(&st->dst, &out->dst);
	memcpy(out->rt_addr, st->rt_addr.b, 16);
	out->rule = (uint32_t)st->rule;
	out->anchor = (uint32_t)st->anchor;
	out->nat_rule = PFSYNC_RULE_NONE; /* pf: "left for compat" */
	out->creation = now - st->creation;
	out->expire = pf_state_expire_left(st, &c, now);
	for (unsigned int i = 0; i < 2; i++) {
		out->packets[i] = st->packets[i];
		out->bytes[i] = st->bytes[i];
		out->rtableid[i] = st->rtableid[i];
		out->set_prio[i] = st->set_prio[i];
	}
	out->creatorid = st->creatorid;
	out->max_mss = st->max_mss;
	out->af = st->key[PF_SK_WIRE].af;
	out->proto = st->key[PF_SK_WIRE].proto;
	out->direction = st->direction;
	out->log = st->log;
	out->rt = st->rt;
	out->timeout = st->timeout;
	out->sync_flags = st->sync_flags;
	out->min_ttl = st->min_ttl;
	out->set_tos = st->set_tos;
	out->state_flags = st->state_flags;
}

void fwd_pfsync_import(const struct pfsync_state_msg *m, const uint32_t *timeout, uint32_t now,
                       struct pf_state *out)
{
	uint32_t t = m->timeout < PFTM_MAX ? timeout[m->timeout] : 0;

	memset(out, 0, sizeof(*out));
	out->id = m->id;
	out->creatorid = m->creatorid;
	memcpy(out->ifname, m->ifname, PF_IFNAMSIZ - 1);
	key_import(&m->key[PFSYNC_SK_WIRE], m->af, m->proto, &out->key[PF_SK_WIRE]);
	key_import(&m->key[PFSYNC_SK_STACK], m->af, m->proto, &out->key[PF_SK_STACK]);
	fwd_pfsync_peer_import(&m->src, &out->src);
	fwd_pfsync_peer_import(&m->dst, &out->dst);
	memcpy(out->rt_addr.b, m->rt_addr, 16);
	out->rule = out->anchor = out->nat_rule = -1;
	out->creation = now - (m->creation < now ? m->creation : now);
	/* last packet such that expire_left == m->expire under our timeout */
	out->expire = now - (m->expire < t ? t - m->expire : 0);
	for (unsigned int i = 0; i < 2; i++) {
		out->packets[i] = m->packets[i];
		out->bytes[i] = m->bytes[i];
		out->rtableid[i] = m->rtableid[i];
		out->set_prio[i] = m->set_prio[i];
	}
	out->max_mss = m->max_mss;
	out->direction = m->direction;
	out->log = m->log;
	out->rt = m->rt;
	out->timeout = m->timeout;
	out->sync_flags = m->sync_flags;
	out->min_ttl = m->min_ttl;
	out->set_tos = m->set_tos;
	out->state_flags = m->state_flags;
}
