/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address text <-> lib/carp address structs, shared by carpdump and
 * carp-emit (command-line parsing and printing).
 */
#ifndef CARPDUMP_ADDR_H
#define CARPDUMP_ADDR_H

#include <stddef.h>
#include <stdint.h>

#include "carp_auth.h"
#include "carp_wire.h"

#define CARPDUMP_ADDRSTRLEN 46 /* INET6_ADDRSTRLEN */
#define CARPDUMP_MACSTRLEN  18

/* "192.0.2.1" or "2001:db8::1". Returns 0 or -EINVAL. */
int carpdump_ipaddr_parse(const char *s, struct carp_ipaddr *out);

/* Comma-separated IPv4/IPv6 list ("A[,B...]") in the given order. Returns 0,
 * -EINVAL (text of the bad item in `err`) or -E2BIG (more than
 * CARP_MAX_ADDRS of one family). */
int carpdump_addr_list_parse(const char *s, struct carp_addr_list *out, char *err, size_t errlen);

/* Append one address to a list. Returns 0 or -E2BIG. */
int carpdump_addr_list_add(struct carp_addr_list *l, const struct carp_ipaddr *a);

/* Address `i` of a list, IPv4 first (i < n4), then IPv6. */
void carpdump_addr_list_get(const struct carp_addr_list *l, unsigned i, struct carp_ipaddr *out);

/* Text form of an address; "?" for an unset (family 0) address. */
const char *carpdump_ipaddr_str(const struct carp_ipaddr *a, char buf[CARPDUMP_ADDRSTRLEN]);

/* "aa:bb:cc:dd:ee:ff". Returns 0 or -EINVAL. */
int carpdump_mac_parse(const char *s, uint8_t mac[6]);
const char *carpdump_mac_str(const uint8_t mac[6], char buf[CARPDUMP_MACSTRLEN]);

#endif /* CARPDUMP_ADDR_H */
