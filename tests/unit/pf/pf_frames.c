/* SPDX-License-Identifier: BSD-2-Clause */
/* Crafted frames and full checksum checks: see pf_frames.h. */
#include "pf_frames.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

static void w16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void w32(uint8_t *p, uint32_t v)
{
	w16(p, v >> 16);
	w16(p + 2, v & 0xffff);
}

static unsigned r16(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* RFC 1071 sum of n bytes plus acc, folded to 16 bits (not complemented). */
static uint32_t sum(const uint8_t *p, size_t n, uint32_t acc)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		acc += r16(p + i);
	if (n & 1)
		acc += (uint32_t)p[n - 1] << 8;
	while (acc >> 16)
		acc = (acc & 0xffff) + (acc >> 16);
	return acc;
}

static uint32_t pseudo(bool v6, const uint8_t *src, const uint8_t *dst, uint8_t proto, size_t len)
{
	unsigned n = v6 ? 16 : 4;
	uint32_t s = sum(src, n, 0);

	s = sum(dst, n, s);
	return sum((const uint8_t[]){0, proto, (uint8_t)(len >> 8), (uint8_t)len}, 4, s);
}

size_t t_tcp(uint8_t *l4, uint16_t sport, uint16_t dport, uint32_t seq, uint32_t ack, uint8_t flags,
             uint16_t win, const uint8_t *opts, size_t olen, size_t plen)
{
	size_t hl = 20 + ((olen + 3) & ~(size_t)3), i;

	memset(l4, 0, hl + plen);
	w16(l4, sport);
	w16(l4 + 2, dport);
	w32(l4 + 4, seq);
	w32(l4 + 8, ack);
	l4[12] = (uint8_t)(hl / 4 << 4);
	l4[13] = flags;
	w16(l4 + 14, win);
	if (olen)
		memcpy(l4 + 20, opts, olen);
	for (i = 0; i < plen; i++)
		l4[hl + i] = (uint8_t)(i * 7 + 1);
	return hl + plen;
}

size_t t_udp(uint8_t *l4, uint16_t sport, uint16_t dport, size_t plen)
{
	size_t i;

	w16(l4, sport);
	w16(l4 + 2, dport);
	w16(l4 + 4, (unsigned)(8 + plen));
	w16(l4 + 6, 0);
	for (i = 0; i < plen; i++)
		l4[8 + i] = (uint8_t)(i * 3 + 5);
	return 8 + plen;
}

size_t t_icmp(uint8_t *l4, uint8_t type, uint8_t code, uint16_t id, uint16_t seq, size_t plen)
{
	size_t i;

	l4[0] = type;
	l4[1] = code;
	w16(l4 + 2, 0);
	w16(l4 + 4, id);
	w16(l4 + 6, seq);
	for (i = 0; i < plen; i++)
		l4[8 + i] = (uint8_t)i;
	return 8 + plen;
}

size_t t_icmp_err(uint8_t *l4, uint8_t type, uint8_t code, const uint8_t *quote, size_t qlen)
{
	memset(l4, 0, 8);
	l4[0] = type;
	l4[1] = code;
	if (type == 2) /* ICMPv6 packet too big: an MTU */
		w32(l4 + 4, 1280);
	memcpy(l4 + 8, quote, qlen);
	return 8 + qlen;
}

static void l4_cksum(bool v6, const uint8_t *src, const uint8_t *dst, uint8_t proto, uint8_t *l4,
                     size_t len, bool udp_nocksum)
{
	unsigned off = proto == 6 ? 16 : proto == 17 ? 6 : 2;
	uint32_t s;

	if (proto != 6 && proto != 17 && proto != 1 && proto != 58)
		return;
	w16(l4 + off, 0);
	if (proto == 17 && udp_nocksum)
		return;
	s = proto == 1 ? sum(l4, len, 0) : sum(l4, len, pseudo(v6, src, dst, proto, len));
	s = ~s & 0xffff;
	if (proto == 17 && s == 0)
		s = 0xffff;
	w16(l4 + off, s);
}

size_t t_frame(uint8_t *buf, bool ether, const char *src, const char *dst, uint8_t proto,
               const uint8_t *l4, size_t l4len, bool udp_nocksum)
{
	uint8_t s[16], d[16], *ip = buf + (ether ? 14 : 0);
	bool v6 = strchr(src, ':') != NULL;
	size_t hl = v6 ? 40 : 20;

	if (ether) {
		memcpy(buf, "\x02\x00\x00\x00\x00\x01\x02\x00\x00\x00\x00\x02", 12);
		w16(buf + 12, v6 ? 0x86dd : 0x0800);
	}
	inet_pton(v6 ? AF_INET6 : AF_INET, src, s);
	inet_pton(v6 ? AF_INET6 : AF_INET, dst, d);
	memset(ip, 0, hl);
	if (v6) {
		ip[0] = 0x60;
		w16(ip + 4, (unsigned)l4len);
		ip[6] = proto;
		ip[7] = 64;
		memcpy(ip + 8, s, 16);
		memcpy(ip + 24, d, 16);
	} else {
		ip[0] = 0x45;
		w16(ip + 2, (unsigned)(20 + l4len));
		w16(ip + 4, 0x1234);
		ip[8] = 64;
		ip[9] = proto;
		memcpy(ip + 12, s, 4);
		memcpy(ip + 16, d, 4);
		w16(ip + 10, ~sum(ip, 20, 0) & 0xffff);
	}
	memcpy(ip + hl, l4, l4len);
	l4_cksum(v6, s, d, proto, ip + hl, l4len, udp_nocksum);
	return (size_t)(ip - buf) + hl + l4len;
}

/* The checksums of an IP packet at ip (len bytes); quote: relax what quotes may lack. */
static bool ip_ok(const uint8_t *ip, size_t len, bool quote)
{
	bool v6;
	size_t hl, tot, l4len;
	const uint8_t *l4, *s, *d;
	uint8_t proto;

	if (len < 20 || (ip[0] >> 4 != 4 && ip[0] >> 4 != 6))
		return quote;
	v6 = ip[0] >> 4 == 6;
	hl = v6 ? 40 : (ip[0] & 0xfu) * 4;
	if (hl < 20 || hl > len)
		return quote;
	tot = v6 ? 40 + r16(ip + 4) : r16(ip + 2);
	l4 = ip + hl;
	s = ip + (v6 ? 8 : 12);
	d = ip + (v6 ? 24 : 16);
	proto = v6 ? ip[6] : ip[9];
	if (!v6 && sum(ip, hl, 0) != 0xffff)
		return false;
	if (tot > len || tot < hl) /* a truncated quote: transport checksum cannot be checked */
		return quote;
	l4len = tot - hl;
	switch (proto) {
	case 6:
	case 17:
		if (l4len < (proto == 6 ? 20u : 8u))
			return quote;
		if (proto == 17 && r16(l4 + 6) == 0 && !v6)
			return true;
		return sum(l4, l4len, pseudo(v6, s, d, proto, l4len)) == 0xffff;
	case 1:
	case 58:
		if (l4len < 8)
			return quote;
		if (sum(l4, l4len, proto == 1 ? 0 : pseudo(v6, s, d, proto, l4len)) != 0xffff)
			return false;
		break;
	default:
		return true;
	}
	/* ICMP error: the quoted packet's own checksums */
	if ((proto == 1 && (l4[0] == 3 || l4[0] == 11 || l4[0] == 12)) ||
	    (proto == 58 && l4[0] < 128))
		return ip_ok(l4 + 8, l4len - 8, true);
	return true;
}

bool t_cksums_ok(const uint8_t *buf, size_t len, bool ether)
{
	unsigned off = ether ? 14 : 0;

	return len > off && ip_ok(buf + off, len - off, false);
}

unsigned t_l3(const uint8_t *buf)
{
	(void)buf;
	return 14;
}

unsigned t_l4(const uint8_t *buf)
{
	const uint8_t *ip = buf + 14;

	return 14 + (ip[0] >> 4 == 6 ? 40 : (ip[0] & 0xfu) * 4);
}

static void addr(const uint8_t *buf, bool src, char *out, size_t n)
{
	const uint8_t *ip = buf + 14;
	bool v6 = ip[0] >> 4 == 6;

	inet_ntop(v6 ? AF_INET6 : AF_INET, ip + (v6 ? (src ? 8 : 24) : (src ? 12 : 16)), out,
	          (socklen_t)n);
}

void t_src(const uint8_t *buf, char *out, size_t n)
{
	addr(buf, true, out, n);
}

void t_dst(const uint8_t *buf, char *out, size_t n)
{
	addr(buf, false, out, n);
}

uint16_t t_sport(const uint8_t *buf)
{
	return (uint16_t)r16(buf + t_l4(buf));
}

uint16_t t_dport(const uint8_t *buf)
{
	return (uint16_t)r16(buf + t_l4(buf) + 2);
}
