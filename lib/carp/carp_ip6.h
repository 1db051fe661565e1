/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPv6 link-local address OpenBSD gives a carp interface (or any
 * Ethernet interface) from its MAC. Pure C, no DPDK.
 *
 * The rule, from OpenBSD's sources (ip_carp.c rev 1.370 and 2015,
 * in6_ifattach.c rev 1.124): whenever a carp interface's MAC changes and it
 * has IPv6 addresses, carp_set_enaddr() calls in6_ifattach_linklocal(ifp,
 * NULL). That takes the interface identifier from in6_get_hw_ifid(), which
 * treats IFT_CARP exactly like IFT_ETHER: the modified EUI-64 of the 6-byte
 * MAC m0..m5, i.e. m0^0x02 m1 m2 ff fe m3 m4 m5 behind fe80::/64 (the
 * kernel's embedded scope id in bytes 2-3 is not on the wire: zero). It
 * refuses an all-zero or all-ones MAC, a MAC with the group bit (0x01 of
 * m0) set, and an identifier whose bits other than U/G are all zero; OpenBSD
 * then borrows another interface's identifier or draws a random one, which
 * no peer can predict.
 *
 * So the default virtual MAC 00:00:5e:00:01:XX (carp_vmac) gives
 * fe80::200:5eff:fe00:1XX, the address `ifconfig carp0` shows; in `balancing
 * ip` the carp MAC 01:00:5e:00:01:XX is a group MAC and derives nothing.
 */
#ifndef CARP_IP6_H
#define CARP_IP6_H

#include <stdbool.h>
#include <stdint.h>

/* Writes fe80::<modified EUI-64 of mac> to out and returns true, or returns
 * false (out untouched) where OpenBSD's in6_get_hw_ifid refuses the MAC. */
bool carp_ip6_linklocal(const uint8_t mac[6], uint8_t out[16]);

#endif /* CARP_IP6_H */
