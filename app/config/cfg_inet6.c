/* SPDX-License-Identifier: BSD-2-Clause */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_inet6.h"

int cfg_ip6_parse(const char *s, uint8_t a[16])
{
	/* inet_pton takes no zone index and no brackets: what the file means
	 * by a link is the port key, never "%name". */
	return inet_pton(AF_INET6, s, a) == 1 ? 0 : -EINVAL;
}

int cfg_prefix6_parse(const char *s, uint8_t a[16], uint8_t *len)
{
	char ip[CFG_IP6_STRLEN];
	const char *slash = strchr(s, '/');
	unsigned int l = 0;
	size_t n;

	if (slash == NULL || slash == s || (size_t)(slash - s) >= sizeof(ip))
		return -EINVAL;
	n = (size_t)(slash - s);
	memcpy(ip, s, n);
	ip[n] = '\0';
	if (slash[1] == '\0' || strlen(slash + 1) > 3)
		return -EINVAL;
	for (const char *p = slash + 1; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		l = l * 10 + (unsigned int)(*p - '0');
	}
	if (l > 128 || cfg_ip6_parse(ip, a) < 0)
		return -EINVAL;
	*len = (uint8_t)l;
	return 0;
}

void cfg_ip6_mask(uint8_t a[16], uint8_t len)
{
	for (unsigned int i = 0; i < 16; i++) {
		unsigned int keep = len > 8 * i ? len - 8 * i : 0;

		if (keep < 8)
			a[i] &= (uint8_t)(0xff00u >> keep);
	}
}

bool cfg_prefix6_contains(const uint8_t prefix[16], uint8_t len, const uint8_t a[16])
{
	uint8_t x[16], y[16];

	memcpy(x, prefix, 16);
	memcpy(y, a, 16);
	cfg_ip6_mask(x, len);
	cfg_ip6_mask(y, len);
	return memcmp(x, y, 16) == 0;
}

bool cfg_prefix6_overlap(const uint8_t a[16], uint8_t alen, const uint8_t b[16], uint8_t blen)
{
	return cfg_prefix6_contains(a, alen < blen ? alen : blen, b);
}

bool cfg_ip6_is_link_local(const uint8_t a[16])
{
	return a[0] == 0xfe && (a[1] & 0xc0) == 0x80;
}

const char *cfg_ip6_not_unicast(const uint8_t a[16])
{
	static const uint8_t zero[16], one[16] = {[15] = 1};
	static const uint8_t mapped[12] = {[10] = 0xff, [11] = 0xff};

	if (memcmp(a, zero, 16) == 0)
		return "the unspecified address";
	if (memcmp(a, one, 16) == 0)
		return "the loopback address";
	if (a[0] == 0xff)
		return "a multicast address";
	if (memcmp(a, mapped, 12) == 0)
		return "an IPv4-mapped address";
	return NULL;
}

char *cfg_ip6_str(const uint8_t a[16], char buf[CFG_IP6_STRLEN])
{
	if (inet_ntop(AF_INET6, a, buf, CFG_IP6_STRLEN) == NULL)
		snprintf(buf, CFG_IP6_STRLEN, "?");
	return buf;
}

char *cfg_prefix6_str(const uint8_t a[16], uint8_t len, char buf[CFG_PFX6_STRLEN])
{
	char ip[CFG_IP6_STRLEN];

	snprintf(buf, CFG_PFX6_STRLEN, "%s/%u", cfg_ip6_str(a, ip), len);
	return buf;
}
