/* SPDX-License-Identifier: BSD-2-Clause */
/* Shared command line of the capture tools: see capture_cli.h. */
#include "capture_cli.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int capture_parse_long(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return -EINVAL;
	*out = v;
	return 0;
}

static int nibble(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int capture_parse_hex(const char *s, uint8_t *out, size_t cap)
{
	size_t n = strlen(s), i;

	if (n % 2 != 0 || n / 2 > cap)
		return -1;
	for (i = 0; i < n / 2; i++) {
		int hi = nibble(s[2 * i]), lo = nibble(s[2 * i + 1]);

		if (hi < 0 || lo < 0)
			return -1;
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	return (int)(n / 2);
}

int capture_cli_opt(struct capture_cli *cli, const char *prog, int c, const char *arg)
{
	switch (c) {
	case 'r':
		cli->file = arg;
		return 1;
	case 'i':
		cli->ifname = arg;
		return 1;
	case 'c':
		if (capture_parse_long(arg, 1, LONG_MAX, &cli->count) < 0) {
			fprintf(stderr, "%s: -c needs a positive count\n", prog);
			return -EINVAL;
		}
		return 1;
	case 't':
		if (capture_parse_long(arg, 1, 86400, &cli->timeout_s) < 0) {
			fprintf(stderr, "%s: -t needs 1..86400 seconds\n", prog);
			return -EINVAL;
		}
		return 1;
	default:
		return 0;
	}
}

int capture_cli_check(const struct capture_cli *cli, const char *prog, int optind, int argc,
                      char *const argv[])
{
	if (optind != argc) {
		fprintf(stderr, "%s: unexpected argument '%s'\n", prog, argv[optind]);
		return -EINVAL;
	}
	if ((cli->file == NULL) == (cli->ifname == NULL)) {
		fprintf(stderr, "%s: give exactly one of -r FILE or -i IFNAME\n", prog);
		return -EINVAL;
	}
	if (cli->file != NULL && cli->timeout_s != 0) {
		fprintf(stderr, "%s: -t applies to live capture (-i) only\n", prog);
		return -EINVAL;
	}
	return 0;
}
