/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * af_packet ports and IPv4 fragments (docs/fast-path.md, "Fragments").
 *
 * DPDK 22.11's af_packet PMD joins each rx socket to a PACKET_FANOUT_HASH
 * group with PACKET_FANOUT_FLAG_DEFRAG set (drivers/net/af_packet, no devarg
 * clears it), so the kernel reassembles IPv4 fragments (ip_check_defrag, in
 * the router's network namespace) before they reach the ring: the port
 * delivers whole datagrams, each in one frame of at most framesz - 66 bytes
 * (TPACKET_V2 puts the MAC header at offset 66), and the PMD insists on
 * mbufs of framesz - 32 data bytes (eth_rx_queue_setup). A fragment whose
 * datagram never completes stays in the kernel until net.ipv4.ipfrag_time.
 */
#ifndef RTR_AFPACKET_H
#define RTR_AFPACKET_H

#include <stdint.h>

#define RTR_AFPACKET_FRAMESZ_DEFAULT 2048u /* the PMD's default framesz */
#define RTR_AFPACKET_RX_OFFSET       66u   /* MAC header offset in a TPACKET_V2 frame */
#define RTR_AFPACKET_MBUF_SLACK      32u   /* framesz - what the PMD copies into an mbuf */

/* framesz of an af_packet port (its devargs, else the PMD default); 0 for other devices. */
uint32_t rtr_afpacket_framesz(uint16_t port_id);

/* Longest frame an af_packet port with this framesz delivers whole. */
static inline uint32_t rtr_afpacket_rx_frame_max(uint32_t framesz)
{
	return framesz - RTR_AFPACKET_RX_OFFSET;
}

/* mbuf data room the PMD's rx queue setup demands for this framesz. */
static inline uint32_t rtr_afpacket_mbuf_room(uint32_t framesz)
{
	return framesz - RTR_AFPACKET_MBUF_SLACK;
}

/* The kernel's IPv4 reassembly counters (/proc/net/snmp "Ip:" line). */
struct rtr_kernel_reasm {
	uint64_t reqds;    /* ReasmReqds: fragments taken in */
	uint64_t oks;      /* ReasmOKs: datagrams reassembled */
	uint64_t fails;    /* ReasmFails: failures (timeouts, memory, overlaps) */
	uint64_t timeouts; /* ReasmTimeout: datagrams never completed in ipfrag_time */
};

/*
 * Reads them for the calling process's network namespace, where the
 * af_packet sockets reassemble (kernel IP input there counts too: a router
 * namespace has no other IPv4 traffic). 0, or -errno.
 */
int rtr_kernel_reasm_read(struct rtr_kernel_reasm *k);

#endif
