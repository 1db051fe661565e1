/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Transit IPv4 larger than the egress MTU with DF clear, split into
 * fragments (fwd_frag.h). On af_packet ports this is how fragments pass at
 * all: the kernel reassembles them before the ring (docs/fast-path.md,
 * "Fragments"), so the router sends the datagram on as fragments again.
 */

#include <string.h>

#include <rte_ip.h>
#include <rte_mbuf.h>

#include "fwd_cksum.h"
#include "fwd_count_priv.h"
#include "fwd_frag.h"
#include "fwd_input_priv.h"
#include "fwd_tx_priv.h"

uint32_t fwd_frag_write(uint8_t *dst, uint32_t cap, const uint8_t *frame, uint32_t mtu, uint32_t i)
{
	const struct rte_ipv4_hdr *ip = (const void *)(frame + FWD_ETH_LEN);
	uint32_t tlen = fwd_ntohs(ip->total_length);
	uint32_t step = fwd_frag_step(mtu);
	uint32_t off = i * step, len;
	uint16_t fo = fwd_ntohs(ip->fragment_offset);
	uint16_t flags = fo & (RTE_IPV4_HDR_DF_FLAG | RTE_IPV4_HDR_MF_FLAG);
	struct rte_ipv4_hdr *h;

	if (i >= fwd_frag_count(tlen, fo & RTE_IPV4_HDR_OFFSET_MASK, mtu))
		return 0;
	len = RTE_MIN(step, tlen - FWD_FRAG_HLEN - off);
	if (FWD_ETH_LEN + FWD_FRAG_HLEN + len > cap)
		return 0;
	memcpy(dst, frame, FWD_ETH_LEN + FWD_FRAG_HLEN);
	memcpy(dst + FWD_ETH_LEN + FWD_FRAG_HLEN, frame + FWD_ETH_LEN + FWD_FRAG_HLEN + off, len);
	h = (void *)(dst + FWD_ETH_LEN);
	/* every piece but the last says more follow; the last keeps the original's MF */
	if (off + len < tlen - FWD_FRAG_HLEN)
		flags |= RTE_IPV4_HDR_MF_FLAG;
	h->total_length = rte_cpu_to_be_16((uint16_t)(FWD_FRAG_HLEN + len));
	h->fragment_offset =
	    rte_cpu_to_be_16((uint16_t)(flags | ((fo & RTE_IPV4_HDR_OFFSET_MASK) + off / 8)));
	h->hdr_checksum = 0;
	h->hdr_checksum = fwd_cksum(h, FWD_FRAG_HLEN);
	return FWD_ETH_LEN + FWD_FRAG_HLEN + len;
}

void fwd_ipv4_fragment(struct fwd_worker *w, struct rte_mbuf *m, uint16_t out, uint16_t mtu)
{
	const uint8_t *frame = rte_pktmbuf_mtod(m, const uint8_t *);
	const struct rte_ipv4_hdr *ip = (const void *)(frame + FWD_ETH_LEN);
	uint32_t n = fwd_frag_count(fwd_ntohs(ip->total_length),
	                            fwd_ntohs(ip->fragment_offset) & RTE_IPV4_HDR_OFFSET_MASK, mtu);
	struct rte_mbuf *frags[FWD_BURST];

	if (unlikely(n == 0))
		return fwd_drop_pkt(w, m, FWD_DROP_FRAG_PAST_64K);

	for (uint32_t i = 0; i < n;) {
		uint32_t chunk = RTE_MIN(n - i, (uint32_t)FWD_BURST);

		/* Pieces already queued still leave: the receiver times them out. */
		if (rte_pktmbuf_alloc_bulk(m->pool, frags, chunk) != 0)
			return fwd_drop_pkt(w, m, FWD_DROP_FRAG_NO_MBUF);
		for (uint32_t j = 0; j < chunk; j++, i++) {
			struct rte_mbuf *f = frags[j];
			uint32_t len = fwd_frag_write(rte_pktmbuf_mtod(f, uint8_t *),
			                              fwd_mbuf_cap(f), frame, mtu, i);

			if (unlikely(len == 0)) { /* mbufs hold the largest MTU: never */
				rte_pktmbuf_free_bulk(&frags[j], chunk - j);
				return fwd_drop_pkt(w, m, FWD_DROP_FRAG_NO_MBUF);
			}
			fwd_mbuf_set_len(f, len);
			fwd_tx_enqueue(w, out, f);
		}
	}
	FWD_CNT_ADD(w->stats.events[FWD_EV_FRAGMENTS_SENT], n);
	fwd_count_event(w, FWD_EV_FRAGMENTED);
	w->burst_forwarded++;
	rte_pktmbuf_free(m);
}
