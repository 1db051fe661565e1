/* SPDX-License-Identifier: BSD-2-Clause */
/* IPv6 address helpers: groups, scope, multicast MAC, EUI-64 link-local. */

#include "carp_ip6.h"
#include "fwd_ip6.h"

const uint8_t fwd_ip6_all_nodes[16] = {0xff, 0x02, [15] = 0x01};
const uint8_t fwd_ip6_all_routers[16] = {0xff, 0x02, [15] = 0x02};

enum fwd_ip6_scope fwd_ip6_scope(const uint8_t a[16])
{
	if (fwd_ip6_is_multicast(a))
		return (enum fwd_ip6_scope)(a[1] & 0x0f);
	if (fwd_ip6_is_link_local(a) || fwd_ip6_is_loopback(a))
		return FWD_IP6_SCOPE_LINK;
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0xc0) /* fec0::/10 */
		return FWD_IP6_SCOPE_SITE;
	if (fwd_ip6_is_unspecified(a))
		return FWD_IP6_SCOPE_NONE;
	return FWD_IP6_SCOPE_GLOBAL;
}

void fwd_ip6_solicited_node(uint8_t out[16], const uint8_t addr[16])
{
	uint8_t g[16] = {0xff, 0x02, [11] = 0x01, [12] = 0xff};

	memcpy(g + 13, addr + 13, 3);
	memcpy(out, g, 16);
}

void fwd_ip6_mcast_mac(struct rte_ether_addr *out, const uint8_t group[16])
{
	uint8_t m[RTE_ETHER_ADDR_LEN] = {0x33, 0x33};

	memcpy(m + 2, group + 12, 4);
	memcpy(out, m, sizeof(m));
}

bool fwd_ip6_eui64_link_local(uint8_t out[16], const struct rte_ether_addr *mac)
{
	return carp_ip6_linklocal(mac->addr_bytes, out);
}
