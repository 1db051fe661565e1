/* SPDX-License-Identifier: BSD-2-Clause */
/* Link-local address from a MAC, OpenBSD's rule: see carp_ip6.h. */
#include "carp_ip6.h"

#include <string.h>

#define EUI64_GBIT 0x01 /* group (multicast) MAC */
#define EUI64_UBIT 0x02 /* universal/local, inverted in the identifier */

bool carp_ip6_linklocal(const uint8_t mac[6], uint8_t out[16])
{
	static const uint8_t zero[6];
	uint8_t a[16] = {0xfe, 0x80};

	/* all-ones is a group MAC too */
	if (memcmp(mac, zero, 6) == 0 || (mac[0] & EUI64_GBIT))
		return false;
	a[8] = mac[0] ^ EUI64_UBIT;
	a[9] = mac[1];
	a[10] = mac[2];
	a[11] = 0xff;
	a[12] = 0xfe;
	a[13] = mac[3];
	a[14] = mac[4];
	a[15] = mac[5];
	/* in6_get_hw_ifid also refuses an identifier that is zero apart from
	 * U/G (the subnet-router anycast); with ff:fe in bytes 11-12 a 6-byte
	 * MAC can never give one. */
	memcpy(out, a, 16);
	return true;
}
