/* SPDX-License-Identifier: BSD-2-Clause */
#include "carp_test.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>

static int nib(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

int t_hex(const char *hex, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1, v;

	for (; *hex; hex++) {
		if (isspace((unsigned char)*hex) || *hex == ':')
			continue;
		v = nib(*hex);
		if (v < 0)
			return -1;
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= cap)
			return -1;
		buf[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

void t_ip4(const char *s, uint8_t out[4])
{
	if (inet_pton(AF_INET, s, out) != 1) {
		fprintf(stderr, "bad IPv4 literal %s\n", s);
		abort();
	}
}

void t_ip6(const char *s, uint8_t out[16])
{
	if (inet_pton(AF_INET6, s, out) != 1) {
		fprintf(stderr, "bad IPv6 literal %s\n", s);
		abort();
	}
}

int t_suite(const char *name, const struct t_case *cases)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (s == NULL)
		return CU_get_error();
	for (; cases->name; cases++)
		if (CU_add_test(s, cases->name, cases->fn) == NULL)
			return CU_get_error();
	return 0;
}
