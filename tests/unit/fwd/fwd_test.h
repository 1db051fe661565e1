/* SPDX-License-Identifier: BSD-2-Clause */
#ifndef FWD_TEST_H
#define FWD_TEST_H

/* Frame builders and an independent reference checksum for the fwd tests. */

#include <stdint.h>
#include <stddef.h>

#include <rte_ether.h>

#define IP4(a, b, c, d) (((uint32_t)(a) << 24) | ((uint32_t)(b) << 16) | ((uint32_t)(c) << 8) | (d))

extern const struct rte_ether_addr tf_mac_port0; /* 02:00:00:00:00:01 */
extern const struct rte_ether_addr tf_mac_port1; /* 02:00:00:00:01:01 */
extern const struct rte_ether_addr tf_mac_host;  /* 02:aa:00:00:00:01 */
extern const struct rte_ether_addr tf_mac_other; /* 02:bb:00:00:00:01 */
extern const struct rte_ether_addr tf_mac_bcast;

/*
 * Reference Internet checksum, written independently of lib/fwd: big-endian
 * 16-bit words summed in 32 bits, folded, complemented. Returns the value as
 * it reads in the packet (host number of the big-endian field).
 */
uint16_t ref_cksum(const void *buf, size_t len);
/* Reads the big-endian 16-bit field at p. */
uint16_t rd16(const void *p);
/* Reads the big-endian 32-bit field at p. */
uint32_t rd32(const void *p);

/* Ethernet + IPv4 (IHL 5, valid checksum) + payload of plen bytes (0, 1, 2 ...). */
uint32_t tf_ipv4(uint8_t *buf, const struct rte_ether_addr *dst, const struct rte_ether_addr *src,
                 uint32_t sip, uint32_t dip, uint8_t ttl, uint8_t proto, uint16_t plen);
/* Ethernet + IPv4 + ICMP echo request (id, seq) with dlen data bytes. */
uint32_t tf_icmp_echo(uint8_t *buf, const struct rte_ether_addr *dst,
                      const struct rte_ether_addr *src, uint32_t sip, uint32_t dip, uint16_t id,
                      uint16_t seq, uint16_t dlen);
/* Ethernet + ARP (42 bytes, no padding). */
uint32_t tf_arp(uint8_t *buf, const struct rte_ether_addr *eth_dst, uint16_t op,
                const struct rte_ether_addr *sha, uint32_t spa, const struct rte_ether_addr *tha,
                uint32_t tpa);
/* Recomputes the IPv4 header checksum of the frame (after a test edits it). */
void tf_ipv4_fix_cksum(uint8_t *frame);

struct rte_mempool;
/*
 * EAL for the tests that need mbufs: no hugepages, no shared config, no
 * telemetry socket (nothing left in /var/run), lcore 0 only, then a pool of
 * 511 mbufs. `name` tags the file prefix and the pool; mem_mb is EAL's -m.
 * Returns the pool, or NULL after printing why.
 */
struct rte_mempool *tf_eal_pool(const char *argv0, const char *name, unsigned int mem_mb);

/* Frees the pool, cleans up EAL and removes its runtime directory (empty
 * with --no-shconf), so test runs do not pile up folders in /var/run/dpdk. */
void tf_eal_done(struct rte_mempool *mp);

/* Runs the registered CUnit suites, prints the summary; exit status 0 if all passed. */
int tf_run(void);

#endif
