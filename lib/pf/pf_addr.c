/* SPDX-License-Identifier: BSD-2-Clause */
/* Family-neutral addresses: see pf_addr.h. */
#include "pf_addr.h"

#include <stdio.h>
#include <string.h>

unsigned pf_af_bytes(uint8_t af)
{
	return af == PF_AF_INET ? 4 : af == PF_AF_INET6 ? 16 : 0;
}

unsigned pf_af_bits(uint8_t af)
{
	return pf_af_bytes(af) * 8;
}

bool pf_addr_eq(const struct pf_addr *a, const struct pf_addr *b, uint8_t af)
{
	return memcmp(a->b, b->b, pf_af_bytes(af)) == 0;
}

int pf_addr_cmp(const struct pf_addr *a, const struct pf_addr *b, uint8_t af)
{
	return memcmp(a->b, b->b, pf_af_bytes(af));
}

bool pf_addr_in_prefix(const struct pf_addr *a, const struct pf_addr *net, unsigned plen)
{
	unsigned full = plen / 8, rest = plen % 8;

	if (plen > 128)
		return false;
	if (memcmp(a->b, net->b, full) != 0)
		return false;
	if (rest == 0)
		return true;
	return ((a->b[full] ^ net->b[full]) & (uint8_t)(0xff << (8 - rest))) == 0;
}

void pf_addr_mask(struct pf_addr *a, unsigned plen)
{
	unsigned i;

	for (i = 0; i < 16; i++) {
		if (plen >= 8) {
			plen -= 8;
			continue;
		}
		a->b[i] &= (uint8_t)(0xff << (8 - plen));
		plen = 0;
	}
}

unsigned pf_addr_bit(const struct pf_addr *a, unsigned i)
{
	return (a->b[i / 8] >> (7 - i % 8)) & 1;
}

void pf_addr_set_bit(struct pf_addr *a, unsigned i, unsigned v)
{
	uint8_t m = (uint8_t)(1 << (7 - i % 8));

	if (v)
		a->b[i / 8] |= m;
	else
		a->b[i / 8] &= (uint8_t)~m;
}

/* One decimal part of a dotted quad: 1-3 digits, at most max; sets *end. */
static bool dec_part(const char *s, const char **end, unsigned max, unsigned *out)
{
	unsigned v = 0, n = 0;

	while (s[n] >= '0' && s[n] <= '9') {
		v = v * 10 + (unsigned)(s[n] - '0');
		if (++n > 3 || v > max)
			return false;
	}
	if (n == 0)
		return false;
	*out = v;
	*end = s + n;
	return true;
}

bool pf_addr_parse4(const char *s, struct pf_addr *out, bool short_ok)
{
	unsigned parts = 0, v;
	const char *p = s;
	struct pf_addr a;

	memset(&a, 0, sizeof(a));
	for (;;) {
		if (!dec_part(p, &p, 255, &v))
			return false;
		a.b[parts++] = (uint8_t)v;
		if (*p == '\0')
			break;
		if (*p != '.' || parts == 4)
			return false;
		p++;
	}
	if (parts != 4 && !short_ok)
		return false;
	*out = a;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool pf_addr_parse6(const char *s, struct pf_addr *out)
{
	uint16_t words[8];
	int nwords = 0, gap = -1;
	const char *p = s;
	struct pf_addr a;
	int i;

	if (p[0] == ':') {
		if (p[1] != ':')
			return false;
		gap = 0;
		p += 2;
	}
	while (*p != '\0') {
		unsigned v = 0, n = 0;
		const char *start = p;

		while (hexval(*p) >= 0 && n < 5) {
			v = v << 4 | (unsigned)hexval(*p);
			p++;
			n++;
		}
		if (*p == '.') {
			/* embedded IPv4 in the last 32 bits */
			struct pf_addr v4;

			if (nwords > 6 || !pf_addr_parse4(start, &v4, false))
				return false;
			words[nwords++] = (uint16_t)(v4.b[0] << 8 | v4.b[1]);
			words[nwords++] = (uint16_t)(v4.b[2] << 8 | v4.b[3]);
			p = start + strlen(start);
			break;
		}
		if (n == 0 || n > 4 || nwords == 8)
			return false;
		words[nwords++] = (uint16_t)v;
		if (*p == '\0')
			break;
		if (*p != ':')
			return false;
		p++;
		if (*p == ':') {
			if (gap >= 0)
				return false;
			gap = nwords;
			p++;
			if (*p == '\0')
				break;
		} else if (*p == '\0') {
			return false; /* trailing single colon */
		}
	}
	if (gap < 0 && nwords != 8)
		return false;
	if (gap >= 0 && nwords > 7)
		return false;
	memset(&a, 0, sizeof(a));
	if (gap < 0) {
		for (i = 0; i < 8; i++) {
			a.b[2 * i] = (uint8_t)(words[i] >> 8);
			a.b[2 * i + 1] = (uint8_t)words[i];
		}
	} else {
		int tail = nwords - gap;

		for (i = 0; i < gap; i++) {
			a.b[2 * i] = (uint8_t)(words[i] >> 8);
			a.b[2 * i + 1] = (uint8_t)words[i];
		}
		for (i = 0; i < tail; i++) {
			int w = 8 - tail + i;

			a.b[2 * w] = (uint8_t)(words[gap + i] >> 8);
			a.b[2 * w + 1] = (uint8_t)words[gap + i];
		}
	}
	*out = a;
	return true;
}

uint8_t pf_addr_parse(const char *s, struct pf_addr *out)
{
	if (strchr(s, ':') != NULL)
		return pf_addr_parse6(s, out) ? PF_AF_INET6 : PF_AF_UNSPEC;
	return pf_addr_parse4(s, out, false) ? PF_AF_INET : PF_AF_UNSPEC;
}

char *pf_addr_format(const struct pf_addr *a, uint8_t af, char *buf, size_t len)
{
	int best = -1, bestlen = 0, i, cur = -1, curlen = 0;
	size_t n = 0;

	if (af == PF_AF_INET) {
		snprintf(buf, len, "%u.%u.%u.%u", a->b[0], a->b[1], a->b[2], a->b[3]);
		return buf;
	}
	if (af != PF_AF_INET6) {
		snprintf(buf, len, "?");
		return buf;
	}
	/* RFC 5952: compress the longest run of two or more zero words */
	for (i = 0; i < 8; i++) {
		if (a->b[2 * i] == 0 && a->b[2 * i + 1] == 0) {
			if (cur < 0)
				cur = i, curlen = 0;
			if (++curlen > bestlen && curlen >= 2)
				best = cur, bestlen = curlen;
		} else {
			cur = -1;
		}
	}
	buf[0] = '\0';
	for (i = 0; i < 8 && n < len; i++) {
		if (i == best) {
			n += (size_t)snprintf(buf + n, len - n, "::");
			i += bestlen - 1;
			continue;
		}
		n += (size_t)snprintf(buf + n, len - n, "%s%x",
		                      (n > 0 && buf[n - 1] != ':') ? ":" : "",
		                      a->b[2 * i] << 8 | a->b[2 * i + 1]);
	}
	return buf;
}

void pf_addr_from_v4(struct pf_addr *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->b[0] = (uint8_t)(v >> 24);
	a->b[1] = (uint8_t)(v >> 16);
	a->b[2] = (uint8_t)(v >> 8);
	a->b[3] = (uint8_t)v;
}

uint32_t pf_addr_to_v4(const struct pf_addr *a)
{
	return (uint32_t)a->b[0] << 24 | (uint32_t)a->b[1] << 16 | (uint32_t)a->b[2] << 8 | a->b[3];
}
