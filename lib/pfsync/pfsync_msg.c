/* SPDX-License-Identifier: BSD-2-Clause */
/* Byte-exact codec of the pfsync v6 messages: see pfsync_msg.h for the
 * layouts (offsets are the OpenBSD struct offsets, spec 1.2/1.3). */
#include "pfsync_msg.h"

#include <string.h>

static void name_decode(char out[PFSYNC_IFNAMSIZ + 1], const uint8_t *b)
{
	memcpy(out, b, PFSYNC_IFNAMSIZ);
	out[PFSYNC_IFNAMSIZ] = '\0';
}

/* strlcpy semantics into a zero-filled 16-byte field. */
static void name_encode(const char *name, uint8_t *b)
{
	size_t n = strnlen(name, PFSYNC_IFNAMSIZ);

	memset(b, 0, PFSYNC_IFNAMSIZ);
	memcpy(b, name, n);
}

void pfsync_scrub_decode(struct pfsync_scrub_msg *m, const uint8_t b[PFSYNC_SCRUB_LEN])
{
	m->pfss_flags = pfsync_be16(b + 0);
	m->pfss_ttl = b[2];
	m->scrub_flag = b[3];
	m->pfss_ts_mod = pfsync_be32(b + 4);
}

void pfsync_scrub_encode(const struct pfsync_scrub_msg *m, uint8_t b[PFSYNC_SCRUB_LEN])
{
	pfsync_put16(b + 0, m->pfss_flags);
	b[2] = m->pfss_ttl;
	b[3] = m->scrub_flag;
	pfsync_put32(b + 4, m->pfss_ts_mod);
}

void pfsync_peer_decode(struct pfsync_peer_msg *m, const uint8_t b[PFSYNC_PEER_LEN])
{
	pfsync_scrub_decode(&m->scrub, b + 0);
	m->seqlo = pfsync_be32(b + 8);
	m->seqhi = pfsync_be32(b + 12);
	m->seqdiff = pfsync_be32(b + 16);
	m->max_win = pfsync_be16(b + 20);
	m->mss = pfsync_be16(b + 22);
	m->state = b[24];
	m->wscale = b[25];
}

void pfsync_peer_encode(const struct pfsync_peer_msg *m, uint8_t b[PFSYNC_PEER_LEN])
{
	pfsync_scrub_encode(&m->scrub, b + 0);
	pfsync_put32(b + 8, m->seqlo);
	pfsync_put32(b + 12, m->seqhi);
	pfsync_put32(b + 16, m->seqdiff);
	pfsync_put16(b + 20, m->max_win);
	pfsync_put16(b + 22, m->mss);
	b[24] = m->state;
	b[25] = m->wscale;
	memset(b + 26, 0, 6); /* pad[6] */
}

void pfsync_key_decode(struct pfsync_key_msg *m, const uint8_t b[PFSYNC_KEY_LEN])
{
	memcpy(m->addr[0], b + 0, 16);
	memcpy(m->addr[1], b + 16, 16);
	m->port[0] = pfsync_be16(b + 32);
	m->port[1] = pfsync_be16(b + 34);
	m->rdomain = pfsync_be16(b + 36);
	m->af = b[38];
}

void pfsync_key_encode(const struct pfsync_key_msg *m, uint8_t b[PFSYNC_KEY_LEN])
{
	memcpy(b + 0, m->addr[0], 16);
	memcpy(b + 16, m->addr[1], 16);
	pfsync_put16(b + 32, m->port[0]);
	pfsync_put16(b + 34, m->port[1]);
	pfsync_put16(b + 36, m->rdomain);
	b[38] = m->af;
	b[39] = 0; /* pad */
}

void pfsync_state_decode(struct pfsync_state_msg *m, const uint8_t b[PFSYNC_STATE_LEN])
{
	unsigned i;

	m->id = pfsync_be64(b + 0);
	name_decode(m->ifname, b + 8);
	pfsync_key_decode(&m->key[0], b + 24);
	pfsync_key_decode(&m->key[1], b + 64);
	pfsync_peer_decode(&m->src, b + 104);
	pfsync_peer_decode(&m->dst, b + 136);
	memcpy(m->rt_addr, b + 168, 16);
	m->rule = pfsync_be32(b + 184);
	m->anchor = pfsync_be32(b + 188);
	m->nat_rule = pfsync_be32(b + 192);
	m->creation = pfsync_be32(b + 196);
	m->expire = pfsync_be32(b + 200);
	for (i = 0; i < 2; i++) {
		m->packets[i] = pfsync_be64(b + 204 + 8 * i);
		m->bytes[i] = pfsync_be64(b + 220 + 8 * i);
		m->rtableid[i] = (int32_t)pfsync_be32(b + 240 + 4 * i);
	}
	m->creatorid = pfsync_be32(b + 236);
	m->max_mss = pfsync_be16(b + 248);
	m->af = b[250];
	m->proto = b[251];
	m->direction = b[252];
	m->log = b[253];
	m->rt = b[254];
	m->timeout = b[255];
	m->sync_flags = b[256];
	m->updates = b[257];
	m->min_ttl = b[258];
	m->set_tos = b[259];
	m->state_flags = pfsync_be16(b + 260);
	m->set_prio[0] = b[262];
	m->set_prio[1] = b[263];
}

void pfsync_state_encode(const struct pfsync_state_msg *m, uint8_t b[PFSYNC_STATE_LEN])
{
	unsigned i;

	pfsync_put64(b + 0, m->id);
	name_encode(m->ifname, b + 8);
	pfsync_key_encode(&m->key[0], b + 24);
	pfsync_key_encode(&m->key[1], b + 64);
	pfsync_peer_encode(&m->src, b + 104);
	pfsync_peer_encode(&m->dst, b + 136);
	memcpy(b + 168, m->rt_addr, 16);
	pfsync_put32(b + 184, m->rule);
	pfsync_put32(b + 188, m->anchor);
	pfsync_put32(b + 192, m->nat_rule);
	pfsync_put32(b + 196, m->creation);
	pfsync_put32(b + 200, m->expire);
	for (i = 0; i < 2; i++) {
		pfsync_put64(b + 204 + 8 * i, m->packets[i]);
		pfsync_put64(b + 220 + 8 * i, m->bytes[i]);
		pfsync_put32(b + 240 + 4 * i, (uint32_t)m->rtableid[i]);
	}
	pfsync_put32(b + 236, m->creatorid);
	pfsync_put16(b + 248, m->max_mss);
	b[250] = m->af;
	b[251] = m->proto;
	b[252] = m->direction;
	b[253] = m->log;
	b[254] = m->rt;
	b[255] = m->timeout;
	b[256] = m->sync_flags;
	b[257] = m->updates;
	b[258] = m->min_ttl;
	b[259] = m->set_tos;
	pfsync_put16(b + 260, m->state_flags);
	b[262] = m->set_prio[0];
	b[263] = m->set_prio[1];
}

void pfsync_upd_c_decode(struct pfsync_upd_c_msg *m, const uint8_t b[PFSYNC_UPD_C_LEN])
{
	m->id = pfsync_be64(b + 0);
	pfsync_peer_decode(&m->src, b + 8);
	pfsync_peer_decode(&m->dst, b + 40);
	m->creatorid = pfsync_be32(b + 72);
	m->expire = pfsync_be32(b + 76);
	m->timeout = b[80];
	m->state_flags = b[81];
}

void pfsync_upd_c_encode(const struct pfsync_upd_c_msg *m, uint8_t b[PFSYNC_UPD_C_LEN])
{
	pfsync_put64(b + 0, m->id);
	pfsync_peer_encode(&m->src, b + 8);
	pfsync_peer_encode(&m->dst, b + 40);
	pfsync_put32(b + 72, m->creatorid);
	pfsync_put32(b + 76, m->expire);
	b[80] = m->timeout;
	b[81] = m->state_flags;
	b[82] = b[83] = 0; /* pad[2] */
}

void pfsync_ref_decode(struct pfsync_ref_msg *m, const uint8_t b[PFSYNC_REF_LEN])
{
	m->id = pfsync_be64(b + 0);
	m->creatorid = pfsync_be32(b + 8);
}

void pfsync_ref_encode(const struct pfsync_ref_msg *m, uint8_t b[PFSYNC_REF_LEN])
{
	pfsync_put64(b + 0, m->id);
	pfsync_put32(b + 8, m->creatorid);
}

void pfsync_clr_decode(struct pfsync_clr_msg *m, const uint8_t b[PFSYNC_CLR_LEN])
{
	name_decode(m->ifname, b + 0);
	m->creatorid = pfsync_be32(b + 16);
}

void pfsync_clr_encode(const struct pfsync_clr_msg *m, uint8_t b[PFSYNC_CLR_LEN])
{
	name_encode(m->ifname, b + 0);
	pfsync_put32(b + 16, m->creatorid);
}

void pfsync_bus_decode(struct pfsync_bus_msg *m, const uint8_t b[PFSYNC_BUS_LEN])
{
	m->creatorid = pfsync_be32(b + 0);
	m->endtime = pfsync_be32(b + 4);
	m->status = b[8];
}

void pfsync_bus_encode(const struct pfsync_bus_msg *m, uint8_t b[PFSYNC_BUS_LEN])
{
	pfsync_put32(b + 0, m->creatorid);
	pfsync_put32(b + 4, m->endtime);
	b[8] = m->status;
	b[9] = b[10] = b[11] = 0; /* pad[3] */
}

void pfsync_tdb_decode(struct pfsync_tdb_msg *m, const uint8_t b[PFSYNC_TDB_LEN])
{
	m->spi = pfsync_be32(b + 0);
	memcpy(m->dst, b + 4, sizeof(m->dst));
	m->rpl = pfsync_be64(b + 32);
	m->cur_bytes = pfsync_be64(b + 40);
	m->sproto = b[48];
	m->updates = b[49];
	m->rdomain = pfsync_be16(b + 50);
}

void pfsync_tdb_encode(const struct pfsync_tdb_msg *m, uint8_t b[PFSYNC_TDB_LEN])
{
	pfsync_put32(b + 0, m->spi);
	memcpy(b + 4, m->dst, sizeof(m->dst));
	pfsync_put64(b + 32, m->rpl);
	pfsync_put64(b + 40, m->cur_bytes);
	b[48] = m->sproto;
	b[49] = m->updates;
	pfsync_put16(b + 50, m->rdomain);
}

void pfsync_upd_c_from_state(struct pfsync_upd_c_msg *u, const struct pfsync_state_msg *st)
{
	memset(u, 0, sizeof(*u));
	u->id = st->id;
	u->creatorid = st->creatorid;
	u->src = st->src;
	u->dst = st->dst;
	u->timeout = st->timeout;
}

static bool af_valid(uint8_t af)
{
	return af == PFSYNC_AF_INET || af == PFSYNC_AF_INET6;
}

static bool levels_valid(uint8_t timeout, const struct pfsync_peer_msg *src,
                         const struct pfsync_peer_msg *dst)
{
	return timeout < PFTM_MAX && src->state <= PFSYNC_PEER_STATE_MAX &&
	       dst->state <= PFSYNC_PEER_STATE_MAX;
}

bool pfsync_state_valid_ins(const struct pfsync_state_msg *st)
{
	uint8_t af1 = st->key[0].af, af2 = st->key[1].af;

	if (!levels_valid(st->timeout, &st->src, &st->dst) || st->direction > PFSYNC_PF_OUT)
		return false;
	/* keys may leave af 0 (older senders); if either is set both must be */
	if ((af1 != 0 || af2 != 0) && (!af_valid(af1) || !af_valid(af2)))
		return false;
	return af_valid(st->af);
}

bool pfsync_state_valid_upd(const struct pfsync_state_msg *st)
{
	return levels_valid(st->timeout, &st->src, &st->dst);
}

bool pfsync_upd_c_valid(const struct pfsync_upd_c_msg *u)
{
	return levels_valid(u->timeout, &u->src, &u->dst);
}
