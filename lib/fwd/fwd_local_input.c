/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What the router itself answers on a worker: ICMP echo to its addresses
 * and to the VIPs it is MASTER of, and rate-limited ICMP errors for packets
 * it drops. Replies reuse the received mbuf.
 */

#include <rte_byteorder.h>
#include <rte_mbuf.h>

#include "fwd_count_priv.h"
#include "fwd_ctx_priv.h"
#include "fwd_input_priv.h"
#include "fwd_tx_priv.h"

void fwd_local_input(struct fwd_worker *w, struct fwd_rx *rx, struct rte_ipv4_hdr *ip,
                     const struct rte_ether_addr *src_mac)
{
	uint32_t flen = FWD_ETH_LEN + rte_be_to_cpu_16(ip->total_length);
	enum fwd_drop why;

	if (rte_be_to_cpu_16(ip->fragment_offset) &
	    (RTE_IPV4_HDR_MF_FLAG | RTE_IPV4_HDR_OFFSET_MASK))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_LOCAL_FRAGMENT);
	/* carppeer adverts (unicast to us) on a port with carp interfaces:
	 * OpenBSD's carp input wants TTL 255, as for 224.0.0.18 */
	if (ip->next_proto_id == FWD_IPPROTO_CARP && (w->ctx->vip.ports & (1u << rx->port))) {
		if (ip->time_to_live != FWD_CARP_TTL)
			return fwd_drop_pkt(w, rx->m, FWD_DROP_CARP_BADTTL);
		return fwd_carp_input(w, rx);
	}
	if (ip->next_proto_id != IPPROTO_ICMP)
		return fwd_drop_pkt(w, rx->m, FWD_DROP_LOCAL_UNSUPPORTED);
	why = fwd_icmp_echo_reply(rx->frame, flen, src_mac);
	if (why != FWD_DROP_NONE)
		return fwd_drop_pkt(w, rx->m, why);
	fwd_mbuf_set_len(rx->m, flen); /* drop Ethernet padding */
	fwd_tx_enqueue(w, rx->port, rx->m);
	fwd_count_event(w, FWD_EV_ICMP_ECHO_REPLY_SENT);
}

/*
 * A VIP of another port than the ingress one is looked up in that port's
 * published words, and answered with the ingress port's own MAC.
 */
void fwd_vip_local_input(struct fwd_worker *w, struct fwd_rx *rx, struct rte_ipv4_hdr *ip,
                         uint16_t vport, unsigned int slot)
{
	const struct fwd_vip_port *vp = &w->ctx->vip.port[vport];
	const struct rte_ether_addr *own = &w->ctx->port[rx->port].filter.own;
	const struct rte_ether_hdr *eth = (const void *)rx->frame;
	bool via_vmac = vport == rx->port && rx->vif == (int8_t)slot;
	struct rte_ether_addr src = *own;
	struct fwd_vip_snap other;
	uint64_t word;

	if (vport == rx->port) {
		word = rx->vip->word[slot];
	} else {
		fwd_vip_snap_read(vp, &other);
		word = other.word[slot];
	}
	if (!fwd_vip_local_allowed(&vp->ifs[slot], word, via_vmac))
		return fwd_drop_pkt(w, rx->m, FWD_DROP_VIP_NOT_MASTER);
	if (vport == rx->port)
		fwd_vip_src_mac(&vp->ifs[slot], via_vmac, &eth->dst_addr, own, &src);
	fwd_local_input(w, rx, ip, &src);
}

void fwd_icmp_error_reply(struct fwd_worker *w, struct fwd_rx *rx, enum fwd_drop why, uint8_t type,
                          uint8_t code, uint16_t mtu)
{
	const struct fwd_ctx *ctx = w->ctx;
	const struct rte_ipv4_hdr *ip = (const void *)(rx->frame + FWD_ETH_LEN);
	uint32_t src, len;

	fwd_count_drop(w, why);
	if (!fwd_icmp_error_allowed(ip, rx->l2flags))
		goto free;
	src = fwd_port_src_addr(fwd_port_addrs(ctx, rx->port), rte_be_to_cpu_32(ip->src_addr));
	for (uint16_t p = 0; src == 0 && p < FWD_MAX_PORTS; p++)
		src = fwd_port_src_addr(fwd_port_addrs(ctx, p), 0);
	if (src == 0)
		goto free;
	if (!fwd_tbucket_take(&w->icmp_tb, w->now)) {
		fwd_count_event(w, FWD_EV_ICMP_ERROR_SUPPRESSED);
		goto free;
	}
	len = fwd_icmp_error(rx->frame, rx->len, fwd_mbuf_cap(rx->m), type, code, mtu, src,
	                     &ctx->port[rx->port].filter.own);
	if (len == 0)
		goto free;
	fwd_mbuf_set_len(rx->m, len);
	fwd_tx_enqueue(w, rx->port, rx->m);
	fwd_count_event(w, type == FWD_ICMP_TIME_EXCEEDED ? FWD_EV_ICMP_TIME_EXCEEDED_SENT
	                                                  : FWD_EV_ICMP_UNREACH_SENT);
	return;
free:
	rte_pktmbuf_free(rx->m);
}
