/* SPDX-License-Identifier: BSD-2-Clause */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_inet.h"

int cfg_ip_parse(const char *s, uint32_t *addr)
{
	struct in_addr in;

	/* inet_pton accepts only the strict dotted quad (no "1.2.3", no octal). */
	if (inet_pton(AF_INET, s, &in) != 1)
		return -EINVAL;
	*addr = ntohl(in.s_addr);
	return 0;
}

int cfg_prefix_parse(const char *s, uint32_t *addr, uint8_t *len)
{
	char ip[CFG_IP_STRLEN];
	const char *slash = strchr(s, '/');
	size_t n;
	unsigned int l = 0;
	const char *p;

	if (slash == NULL || slash == s)
		return -EINVAL;
	n = (size_t)(slash - s);
	if (n >= sizeof(ip))
		return -EINVAL;
	memcpy(ip, s, n);
	ip[n] = '\0';
	p = slash + 1;
	if (*p == '\0' || strlen(p) > 2)
		return -EINVAL;
	for (; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p))
			return -EINVAL;
		l = l * 10 + (unsigned int)(*p - '0');
	}
	if (l > 32 || cfg_ip_parse(ip, addr) < 0)
		return -EINVAL;
	*len = (uint8_t)l;
	return 0;
}

int cfg_mac_parse(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	int used = 0;

	if (strlen(s) > 17 ||
	    sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%n", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
	           &used) != 6 ||
	    s[used] != '\0')
		return -EINVAL;
	/* sscanf's %x skips blanks and takes signs: accept hex digits only. */
	for (const char *p = s; *p != '\0'; p++)
		if (!isxdigit((unsigned char)*p) && *p != ':')
			return -EINVAL;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

bool cfg_is_unicast(uint32_t addr)
{
	unsigned int first = addr >> 24;

	return first != 0 && first != 127 && first < 224;
}

const char *cfg_subnet_edge(uint32_t subnet, uint8_t len, uint32_t addr)
{
	uint32_t host = addr & ~inet4_mask(len);

	if (len > 30 || !cfg_prefix_contains(subnet, len, addr))
		return NULL;
	return host == 0 ? "network" : host == ~inet4_mask(len) ? "broadcast" : NULL;
}

const char *cfg_ipv6_refused(const char *text)
{
	char ip[INET6_ADDRSTRLEN];
	struct in6_addr in6;
	const char *slash = strchr(text, '/');
	size_t n = slash != NULL ? (size_t)(slash - text) : strlen(text);

	if (n >= sizeof(ip))
		return NULL;
	memcpy(ip, text, n);
	ip[n] = '\0';
	if (inet_pton(AF_INET6, ip, &in6) != 1)
		return NULL;
	return "IPv6 on carp interfaces is not supported yet (CARP runs over IPv4 only)";
}

bool cfg_prefix_overlap(uint32_t a, uint8_t alen, uint32_t b, uint8_t blen)
{
	uint32_t m = inet4_mask(alen < blen ? alen : blen);

	return (a & m) == (b & m);
}

bool cfg_prefix_contains(uint32_t prefix, uint8_t len, uint32_t addr)
{
	return ((prefix ^ addr) & inet4_mask(len)) == 0;
}

char *cfg_ip_str(uint32_t addr, char buf[CFG_IP_STRLEN])
{
	snprintf(buf, CFG_IP_STRLEN, "%u.%u.%u.%u", addr >> 24, (addr >> 16) & 0xff,
	         (addr >> 8) & 0xff, addr & 0xff);
	return buf;
}

char *cfg_prefix_str(uint32_t addr, uint8_t len, char buf[CFG_PFX_STRLEN])
{
	char ip[CFG_IP_STRLEN];

	snprintf(buf, CFG_PFX_STRLEN, "%s/%u", cfg_ip_str(addr, ip), len);
	return buf;
}

char *cfg_mac_str(const uint8_t mac[6], char buf[CFG_MAC_STRLEN])
{
	snprintf(buf, CFG_MAC_STRLEN, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
	         mac[3], mac[4], mac[5]);
	return buf;
}
