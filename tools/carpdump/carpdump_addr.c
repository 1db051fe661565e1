/* SPDX-License-Identifier: BSD-2-Clause */
#include "carpdump_addr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

int carpdump_ipaddr_parse(const char *s, struct carp_ipaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, s, out->a) == 1) {
		out->family = CARP_AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, s, out->a) == 1) {
		out->family = CARP_AF_INET6;
		return 0;
	}
	return -EINVAL;
}

int carpdump_addr_list_add(struct carp_addr_list *l, const struct carp_ipaddr *a)
{
	if (a->family == CARP_AF_INET) {
		if (l->n4 >= CARP_MAX_ADDRS)
			return -E2BIG;
		memcpy(l->v4[l->n4++], a->a, 4);
	} else {
		if (l->n6 >= CARP_MAX_ADDRS)
			return -E2BIG;
		memcpy(l->v6[l->n6++], a->a, 16);
	}
	return 0;
}

int carpdump_addr_list_parse(const char *s, struct carp_addr_list *out, char *err, size_t errlen)
{
	char item[CARPDUMP_ADDRSTRLEN + 1];

	memset(out, 0, sizeof(*out));
	while (*s != '\0') {
		size_t n = strcspn(s, ",");
		struct carp_ipaddr a;
		int rc;

		if (n == 0 || n >= sizeof(item)) {
			snprintf(err, errlen, "bad address '%.*s'", (int)n, s);
			return -EINVAL;
		}
		memcpy(item, s, n);
		item[n] = '\0';
		if (carpdump_ipaddr_parse(item, &a) < 0) {
			snprintf(err, errlen, "bad address '%s'", item);
			return -EINVAL;
		}
		rc = carpdump_addr_list_add(out, &a);
		if (rc < 0) {
			snprintf(err, errlen, "more than %d addresses of one family",
			         CARP_MAX_ADDRS);
			return rc;
		}
		s += n;
		if (*s == ',' && *++s == '\0') {
			snprintf(err, errlen, "empty address after ','");
			return -EINVAL;
		}
	}
	if (out->n4 + out->n6 == 0) {
		snprintf(err, errlen, "empty address list");
		return -EINVAL;
	}
	return 0;
}

void carpdump_addr_list_get(const struct carp_addr_list *l, unsigned i, struct carp_ipaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (i < l->n4) {
		out->family = CARP_AF_INET;
		memcpy(out->a, l->v4[i], 4);
	} else {
		out->family = CARP_AF_INET6;
		memcpy(out->a, l->v6[i - l->n4], 16);
	}
}

const char *carpdump_ipaddr_str(const struct carp_ipaddr *a, char buf[CARPDUMP_ADDRSTRLEN])
{
	int af = a->family == CARP_AF_INET ? AF_INET : a->family == CARP_AF_INET6 ? AF_INET6 : 0;

	if (af == 0 || inet_ntop(af, a->a, buf, CARPDUMP_ADDRSTRLEN) == NULL)
		snprintf(buf, CARPDUMP_ADDRSTRLEN, "?");
	return buf;
}

int carpdump_mac_parse(const char *s, uint8_t mac[6])
{
	unsigned int b[6];
	char tail;

	if (sscanf(s, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5],
	           &tail) != 6)
		return -EINVAL;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)b[i];
	return 0;
}

const char *carpdump_mac_str(const uint8_t mac[6], char buf[CARPDUMP_MACSTRLEN])
{
	snprintf(buf, CARPDUMP_MACSTRLEN, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
	         mac[3], mac[4], mac[5]);
	return buf;
}
