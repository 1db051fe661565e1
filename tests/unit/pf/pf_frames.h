/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Crafted frames for the packet tests, and checksum checks by full
 * recomputation. Written independently of lib/pf's checksum code so a
 * wrong incremental update cannot hide behind the same mistake.
 */
#ifndef PF_FRAMES_H
#define PF_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define T_FRAME_MAX 2048

/* Transport headers into l4 (returns its length); checksums left zero. */
size_t t_tcp(uint8_t *l4, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
             uint16_t win, const uint8_t *opts, size_t olen, size_t plen);
size_t t_udp(uint8_t *l4, uint16_t sport, uint16_t dport, size_t plen);
size_t t_icmp(uint8_t *l4, uint8_t type, uint8_t code, uint16_t id, uint16_t seq, size_t plen);
/* An ICMP error (type, code) quoting `quote` (an IP packet, qlen bytes). */
size_t t_icmp_err(uint8_t *l4, uint8_t type, uint8_t code, const uint8_t *quote, size_t qlen);

/*
 * An Ethernet frame (or, with ether false, a bare IP packet) around l4:
 * IPv4 or IPv6 from the address text, protocol proto, all checksums set
 * (a UDP checksum too unless udp_nocksum). Returns the length.
 */
size_t t_frame(uint8_t *buf, bool ether, const char *src, const char *dst, uint8_t proto,
               const uint8_t *l4, size_t l4len, bool udp_nocksum);

/*
 * Every checksum of a frame verifies: IPv4 header, TCP/UDP/ICMP/ICMPv6
 * (UDP zero allowed when zero_udp_ok), and for an ICMP error the quoted
 * IPv4 header and, when the quote is complete, the quoted TCP/UDP.
 */
bool t_cksums_ok(const uint8_t *buf, size_t len, bool ether);

/* Fields of a frame (Ethernet + IPv4/IPv6 + first transport header). */
unsigned t_l3(const uint8_t *buf);
unsigned t_l4(const uint8_t *buf);
void t_src(const uint8_t *buf, char *out, size_t n);
void t_dst(const uint8_t *buf, char *out, size_t n);
uint16_t t_sport(const uint8_t *buf);
uint16_t t_dport(const uint8_t *buf);

#endif /* PF_FRAMES_H */
