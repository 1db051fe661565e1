/* SPDX-License-Identifier: BSD-2-Clause */
/* pfsync packet builder: see pfsync_build.h. */
#include "pfsync_build.h"

#include <errno.h>
#include <string.h>

#include "pfsync_wire.h"

int pfsync_pkt_init(struct pfsync_pkt *b, uint8_t *buf, size_t cap, size_t mtu)
{
	if (mtu < PFSYNC_MINPKT + PFSYNC_SUBH_LEN + PFSYNC_STATE_LEN || mtu > PFSYNC_MTU_MAX ||
	    mtu > cap || buf == NULL)
		return -EINVAL;
	b->buf = buf;
	b->mtu = mtu;
	pfsync_pkt_reset(b);
	return 0;
}

void pfsync_pkt_reset(struct pfsync_pkt *b)
{
	unsigned i;

	b->len = PFSYNC_MINPKT;
	b->n = 0;
	for (i = 0; i < PFSYNC_ACT_MAX; i++)
		b->sub[i] = PFSYNC_PKT_NOSUB;
}

bool pfsync_pkt_fits(const struct pfsync_pkt *b, uint8_t action)
{
	unsigned mlen = pfsync_act_len(action);
	size_t need;

	if (mlen == 0)
		return false;
	need = mlen + (b->sub[action] == PFSYNC_PKT_NOSUB ? PFSYNC_SUBH_LEN : 0);
	return b->len + need <= b->mtu;
}

unsigned pfsync_pkt_count(const struct pfsync_pkt *b, uint8_t action)
{
	if (action >= PFSYNC_ACT_MAX || b->sub[action] == PFSYNC_PKT_NOSUB)
		return 0;
	return pfsync_be16(b->buf + b->sub[action] + 2);
}

uint8_t *pfsync_pkt_reserve(struct pfsync_pkt *b, uint8_t action)
{
	unsigned mlen = pfsync_act_len(action), i, count;
	size_t at, sh;
	uint8_t *p;

	if (!pfsync_pkt_fits(b, action))
		return NULL;
	if (b->sub[action] == PFSYNC_PKT_NOSUB) {
		sh = b->len;
		b->buf[sh] = action;
		b->buf[sh + 1] = (uint8_t)(mlen >> 2);
		pfsync_put16(b->buf + sh + 2, 0);
		b->sub[action] = (uint16_t)sh;
		b->len += PFSYNC_SUBH_LEN;
	}
	sh = b->sub[action];
	count = pfsync_be16(b->buf + sh + 2);
	at = sh + PFSYNC_SUBH_LEN + (size_t)count * mlen;
	if (at < b->len) {
		/* another action's subheader follows: open a gap */
		memmove(b->buf + at + mlen, b->buf + at, b->len - at);
		for (i = 0; i < PFSYNC_ACT_MAX; i++)
			if (b->sub[i] != PFSYNC_PKT_NOSUB && b->sub[i] > sh)
				b->sub[i] = (uint16_t)(b->sub[i] + mlen);
	}
	pfsync_put16(b->buf + sh + 2, (uint16_t)(count + 1));
	b->len += mlen;
	b->n++;
	p = b->buf + at;
	memset(p, 0, mlen);
	return p;
}

bool pfsync_pkt_fits_tail(const struct pfsync_pkt *b, uint8_t action)
{
	unsigned mlen = pfsync_act_len(action);

	return mlen != 0 && b->len + PFSYNC_SUBH_LEN + mlen <= b->mtu;
}

uint8_t *pfsync_pkt_reserve_tail(struct pfsync_pkt *b, uint8_t action)
{
	if (!pfsync_pkt_fits_tail(b, action))
		return NULL;
	b->sub[action] = PFSYNC_PKT_NOSUB;
	return pfsync_pkt_reserve(b, action);
}

int pfsync_pkt_add_state(struct pfsync_pkt *b, uint8_t action, const struct pfsync_state_msg *m)
{
	uint8_t *p;

	if (action != PFSYNC_ACT_INS && action != PFSYNC_ACT_UPD && action != PFSYNC_ACT_DEL)
		return -EINVAL;
	p = pfsync_pkt_reserve(b, action);
	if (p == NULL)
		return -ENOSPC;
	pfsync_state_encode(m, p);
	return 0;
}

int pfsync_pkt_add_upd_c(struct pfsync_pkt *b, const struct pfsync_upd_c_msg *m)
{
	uint8_t *p = pfsync_pkt_reserve(b, PFSYNC_ACT_UPD_C);

	if (p == NULL)
		return -ENOSPC;
	pfsync_upd_c_encode(m, p);
	return 0;
}

int pfsync_pkt_add_ref(struct pfsync_pkt *b, uint8_t action, const struct pfsync_ref_msg *m)
{
	uint8_t *p;

	if (action != PFSYNC_ACT_INS_ACK && action != PFSYNC_ACT_UPD_REQ &&
	    action != PFSYNC_ACT_DEL_C)
		return -EINVAL;
	p = pfsync_pkt_reserve(b, action);
	if (p == NULL)
		return -ENOSPC;
	pfsync_ref_encode(m, p);
	return 0;
}

int pfsync_pkt_add_clr(struct pfsync_pkt *b, const struct pfsync_clr_msg *m)
{
	uint8_t *p = pfsync_pkt_reserve(b, PFSYNC_ACT_CLR);

	if (p == NULL)
		return -ENOSPC;
	pfsync_clr_encode(m, p);
	return 0;
}

int pfsync_pkt_add_bus(struct pfsync_pkt *b, const struct pfsync_bus_msg *m)
{
	uint8_t *p = pfsync_pkt_reserve(b, PFSYNC_ACT_BUS);

	if (p == NULL)
		return -ENOSPC;
	pfsync_bus_encode(m, p);
	return 0;
}

size_t pfsync_pkt_finish(struct pfsync_pkt *b, const uint8_t src[4], const uint8_t dst[4],
                         uint16_t ip_id)
{
	uint8_t *ph = b->buf + PFSYNC_IP4_HDR_LEN;

	memset(ph, 0, PFSYNC_HDR_LEN);
	ph[0] = PFSYNC_VERSION;
	pfsync_put16(ph + 2, (uint16_t)(b->len - PFSYNC_IP4_HDR_LEN));
	pfsync_ip4_build(b->buf, src, dst, ip_id, (uint16_t)b->len);
	return b->len;
}
