/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Strict text <-> IPv6 address and prefix conversions and address classes
 * (pure libc). Addresses are 16 bytes in network order, as lib/fwd wants
 * them (fwd_ip6.h).
 */
#ifndef RTR_CFG_INET6_H
#define RTR_CFG_INET6_H

#include <stdbool.h>
#include <stdint.h>

#define CFG_IP6_STRLEN  46 /* INET6_ADDRSTRLEN */
#define CFG_PFX6_STRLEN 50 /* + "/128" */

/* "2001:db8::1" (no zone "%eth0", no brackets) -> bytes. 0 or -EINVAL. */
int cfg_ip6_parse(const char *s, uint8_t a[16]);
/* "2001:db8::/LEN" with LEN 0-128 -> bytes and length. 0 or -EINVAL. */
int cfg_prefix6_parse(const char *s, uint8_t a[16], uint8_t *len);

/* Clears the bits of a past its first len. */
void cfg_ip6_mask(uint8_t a[16], uint8_t len);
bool cfg_prefix6_contains(const uint8_t prefix[16], uint8_t len, const uint8_t a[16]);
bool cfg_prefix6_overlap(const uint8_t a[16], uint8_t alen, const uint8_t b[16], uint8_t blen);
bool cfg_ip6_is_link_local(const uint8_t a[16]); /* fe80::/10 */
/*
 * Why a may not be an interface address, gateway or neighbour: "the
 * unspecified address", "the loopback address", "a multicast address",
 * "an IPv4-mapped address"; NULL when it is unicast.
 */
const char *cfg_ip6_not_unicast(const uint8_t a[16]);

/* Formatting into caller buffers (inet_ntop's RFC 5952 form); return buf. */
char *cfg_ip6_str(const uint8_t a[16], char buf[CFG_IP6_STRLEN]);
char *cfg_prefix6_str(const uint8_t a[16], uint8_t len, char buf[CFG_PFX6_STRLEN]);

#endif /* RTR_CFG_INET6_H */
