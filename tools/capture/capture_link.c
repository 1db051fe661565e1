/* SPDX-License-Identifier: BSD-2-Clause */
/* Link-layer stripping for the capture tools: see capture_link.h. */
#include "capture_link.h"

#include <errno.h>
#include <string.h>

#define ETHER_LEN    14
#define VLAN_LEN     4
#define SLL_HDR_LEN  16
#define SLL2_HDR_LEN 20

bool capture_link_supported(int linktype)
{
	switch (linktype) {
	case CAPTURE_LINK_ETHERNET:
	case CAPTURE_LINK_RAW:
	case 12: /* DLT_RAW on Linux/most systems */
	case 14: /* DLT_RAW on OpenBSD */
	case CAPTURE_LINK_LINUX_SLL:
	case CAPTURE_LINK_LINUX_SLL2:
	case CAPTURE_LINK_IPV4:
	case CAPTURE_LINK_IPV6:
		return true;
	default:
		return false;
	}
}

static uint16_t be16(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

static int ip_only(struct capture_l3 *out, uint16_t type, const uint8_t *data, size_t hlen,
                   size_t len)
{
	out->ethertype = type;
	if (type != CAPTURE_ETHERTYPE_IP4 && type != CAPTURE_ETHERTYPE_IP6)
		return -EINVAL;
	out->data = data + hlen;
	out->len = len - hlen;
	return 0;
}

static int ethernet(const uint8_t *data, size_t len, struct capture_l3 *out)
{
	size_t hlen = ETHER_LEN;
	uint16_t type;

	if (len < ETHER_LEN)
		return -EINVAL;
	memcpy(out->dst_mac, data, 6);
	memcpy(out->src_mac, data + 6, 6);
	out->have_mac = out->have_dst_mac = true;
	type = be16(data + 12);
	if (type == 0x8100 || type == 0x88a8) {
		if (len < ETHER_LEN + VLAN_LEN)
			return -EINVAL;
		type = be16(data + 16);
		hlen += VLAN_LEN;
	}
	return ip_only(out, type, data, hlen, len);
}

/* Cooked captures: the EtherType and, when 6 bytes long, the sender MAC. */
static int cooked(int linktype, const uint8_t *data, size_t len, struct capture_l3 *out)
{
	const uint8_t *addr;
	unsigned alen;
	size_t hlen;
	uint16_t type;

	if (linktype == CAPTURE_LINK_LINUX_SLL) {
		if (len < SLL_HDR_LEN)
			return -EINVAL;
		alen = be16(data + 4);
		addr = data + 6;
		type = be16(data + 14);
		hlen = SLL_HDR_LEN;
	} else {
		if (len < SLL2_HDR_LEN)
			return -EINVAL;
		type = be16(data);
		alen = data[11];
		addr = data + 12;
		hlen = SLL2_HDR_LEN;
	}
	if (alen == 6) {
		out->have_mac = true;
		memcpy(out->src_mac, addr, 6);
	}
	return ip_only(out, type, data, hlen, len);
}

int capture_l3(int linktype, const uint8_t *data, size_t len, struct capture_l3 *out)
{
	memset(out, 0, sizeof(*out));
	switch (linktype) {
	case CAPTURE_LINK_ETHERNET:
		return ethernet(data, len, out);
	case CAPTURE_LINK_LINUX_SLL:
	case CAPTURE_LINK_LINUX_SLL2:
		return cooked(linktype, data, len, out);
	case CAPTURE_LINK_IPV4:
		return ip_only(out, CAPTURE_ETHERTYPE_IP4, data, 0, len);
	case CAPTURE_LINK_IPV6:
		return ip_only(out, CAPTURE_ETHERTYPE_IP6, data, 0, len);
	default:
		if (!capture_link_supported(linktype))
			return -EPROTONOSUPPORT;
		/* raw IP: the version nibble says which */
		if (len < 1)
			return -EINVAL;
		return ip_only(out,
		               data[0] >> 4 == 6 ? CAPTURE_ETHERTYPE_IP6 : CAPTURE_ETHERTYPE_IP4,
		               data, 0, len);
	}
}
