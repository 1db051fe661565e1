/* SPDX-License-Identifier: BSD-2-Clause */
#include "carpdump_decode.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "carpdump_addr.h"

int carpdump_decode(int linktype, const uint8_t *data, size_t len, struct carpdump_pkt *p)
{
	struct capture_l3 l3;
	int rc;

	memset(p, 0, sizeof(*p));
	if (linktype == CARPDUMP_LINK_ETHERNET) {
		/* lib/carp parses the frame itself (VLAN, addresses) */
		p->res = carp_frame_parse(data, len, &p->pkt);
		if (p->pkt.has_ether) {
			p->have_mac = true;
			memcpy(p->src_mac, p->pkt.eth_src, 6);
		}
		return 0;
	}
	rc = capture_l3(linktype, data, len, &l3);
	if (rc == -EPROTONOSUPPORT)
		return rc;
	p->have_mac = l3.have_mac;
	memcpy(p->src_mac, l3.src_mac, 6);
	if (rc < 0) {
		p->res = CARP_PARSE_HDROPS;
		return 0;
	}
	if (linktype == CARPDUMP_LINK_IPV4)
		p->res = carp_ip4_parse(l3.data, l3.len, &p->pkt);
	else if (linktype == CARPDUMP_LINK_IPV6)
		p->res = carp_ip6_parse(l3.data, l3.len, &p->pkt);
	else
		p->res = carp_ip_parse(l3.data, l3.len, &p->pkt);
	return 0;
}

unsigned carpdump_interval_ms(const struct carp_adv *adv)
{
	return adv->advbase * 1000u + adv->advskew * 1000u / 256u;
}

/* "HH:MM:SS.uuuuuu MAC SRC > DST: " */
static int format_prefix(const struct carpdump_pkt *p, const struct timeval *ts, char *buf,
                         size_t cap)
{
	char mac[CARPDUMP_MACSTRLEN], src[CARPDUMP_ADDRSTRLEN], dst[CARPDUMP_ADDRSTRLEN];
	time_t sec = ts->tv_sec;
	struct tm tm;

	gmtime_r(&sec, &tm);
	return snprintf(
	    buf, cap, "%02d:%02d:%02d.%06ld %s %s > %s: ", tm.tm_hour, tm.tm_min, tm.tm_sec,
	    (long)ts->tv_usec, p->have_mac ? carpdump_mac_str(p->src_mac, mac) : "-",
	    carpdump_ipaddr_str(&p->pkt.src, src), carpdump_ipaddr_str(&p->pkt.dst, dst));
}

static int format_carp(const struct carpdump_pkt *p, char *buf, size_t cap)
{
	const struct carp_adv *a = &p->pkt.adv;
	bool cksum_ok = carp_cksum(p->pkt.carp, CARP_HDR_LEN) == 0;
	char cks[16] = "ok";

	if (!cksum_ok)
		snprintf(cks, sizeof(cks), "BAD(0x%04x)", a->cksum);
	return snprintf(buf, cap,
	                "CARPv%u-%s %zu: vhid=%u advbase=%u advskew=%u demote=%u "
	                "counter=0x%016" PRIx64 " interval=%ums%s ttl=%u cksum=%s",
	                a->version, a->type == CARP_TYPE_ADVERTISEMENT ? "advertise" : "unknown",
	                p->pkt.payload_len, a->vhid, a->advbase, a->advskew, a->demote, a->counter,
	                carpdump_interval_ms(a),
	                a->advbase == 255 && a->advskew == 255 ? " bow-out" : "", p->pkt.ttl, cks);
}

/* VRRP reuses the first 4 header bytes: vrid, priority, address count. */
static int format_vrrp(const struct carpdump_pkt *p, char *buf, size_t cap)
{
	const struct carp_adv *a = &p->pkt.adv;

	return snprintf(buf, cap, "VRRPv%u vrid=%u prio=%u addrs=%u len=%zu", a->version, a->vhid,
	                a->advskew, a->authlen, p->pkt.payload_len);
}

int carpdump_format(const struct carpdump_pkt *p, const struct timeval *ts, char *buf, size_t cap)
{
	size_t n = (size_t)format_prefix(p, ts, buf, cap);
	int m;

	if (n >= cap)
		return (int)n;
	if (p->res == CARP_PARSE_VRRP)
		m = format_vrrp(p, buf + n, cap - n);
	else if (p->pkt.carp != NULL)
		m = format_carp(p, buf + n, cap - n);
	else
		m = snprintf(buf + n, cap - n, "CARP? len=%zu", p->pkt.payload_len);
	n += (size_t)m;
	if (p->res == CARP_PARSE_OK || n >= cap)
		return (int)n;
	return (int)n + snprintf(buf + n, cap - n, " [%s: %s]", carp_parse_result_name(p->res),
	                         carp_parse_result_desc(p->res));
}
