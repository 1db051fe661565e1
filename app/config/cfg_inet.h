/* SPDX-License-Identifier: BSD-2-Clause */
/* Strict text <-> IPv4 address, prefix and MAC conversions (pure libc). */
#ifndef RTR_CFG_INET_H
#define RTR_CFG_INET_H

#include <stdbool.h>
#include <stdint.h>

#include "inet4.h" /* inet4_mask */

#define CFG_IP_STRLEN  16 /* "255.255.255.255" */
#define CFG_PFX_STRLEN 19 /* "255.255.255.255/32" */
#define CFG_MAC_STRLEN 18

/* "A.B.C.D" -> host order. Returns 0 or -EINVAL. */
int cfg_ip_parse(const char *s, uint32_t *addr);
/* "A.B.C.D/LEN" with LEN 0-32 -> host order address and length. 0 or -EINVAL. */
int cfg_prefix_parse(const char *s, uint32_t *addr, uint8_t *len);
/* "xx:xx:xx:xx:xx:xx" (hex, 1-2 digits per byte) -> bytes. 0 or -EINVAL. */
int cfg_mac_parse(const char *s, uint8_t mac[6]);

/* Not 0/8, 127/8, multicast or above (224/3). */
bool cfg_is_unicast(uint32_t addr);
/* "network" or "broadcast" when addr is that address of subnet/len, else
 * NULL (always NULL for /31 (RFC 3021) and /32, which have neither). */
const char *cfg_subnet_edge(uint32_t subnet, uint8_t len, uint32_t addr);

/*
 * The carp IPv6 guard (issue 8 item 4): the fast path forwards IPv6 but
 * does not run CARP over it yet, so an IPv6 virtual address would run an
 * election whose adverts never arrive and both routers would become
 * MASTER. Returns the reason to refuse text (an IPv6 address, with or
 * without "/LEN"), or NULL when text is not IPv6 -- which also makes it the
 * "is this IPv6?" test of the port address list (cfg_read_ifaddrs46). The
 * one place to lift once CARP runs over IPv6.
 */
const char *cfg_ipv6_refused(const char *text);
/* Do a/alen and b/blen share any address? */
bool cfg_prefix_overlap(uint32_t a, uint8_t alen, uint32_t b, uint8_t blen);
/* Is addr inside prefix/len? */
bool cfg_prefix_contains(uint32_t prefix, uint8_t len, uint32_t addr);

/* Formatting into caller buffers; return buf. */
char *cfg_ip_str(uint32_t addr, char buf[CFG_IP_STRLEN]);
char *cfg_prefix_str(uint32_t addr, uint8_t len, char buf[CFG_PFX_STRLEN]);
char *cfg_mac_str(const uint8_t mac[6], char buf[CFG_MAC_STRLEN]);

#endif /* RTR_CFG_INET_H */
