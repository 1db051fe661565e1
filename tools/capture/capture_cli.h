/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The command line every capture tool shares (carpdump, pfsyncdump):
 * -r FILE | -i IFNAME [-t SECONDS], -c COUNT, with the same checks and the
 * same messages ("carpdump: -c needs a positive count"), plus the number
 * and hex parsers their own options use. Pure C, no libpcap.
 */
#ifndef CAPTURE_CLI_H
#define CAPTURE_CLI_H

#include <stddef.h>
#include <stdint.h>

#define CAPTURE_CLI_OPTSTRING "r:i:c:t:"

struct capture_cli {
	const char *file;   /* -r */
	const char *ifname; /* -i */
	long count;         /* -c, 0 = unlimited */
	long timeout_s;     /* -t, live only, 0 = none */
};

/* One getopt result: 1 when `c` is one of r, i, c, t and its value is
 * good, 0 when it is not one of them, -EINVAL (message printed). */
int capture_cli_opt(struct capture_cli *cli, const char *prog, int c, const char *arg);
/* After getopt: no stray argument, exactly one of -r and -i, -t only with
 * -i. 0 or -EINVAL (message printed). */
int capture_cli_check(const struct capture_cli *cli, const char *prog, int optind, int argc,
                      char *const argv[]);

/* A whole decimal number in min..max. 0 or -EINVAL. */
int capture_parse_long(const char *s, long min, long max, long *out);
/* An even number of hex digits into at most `cap` bytes; returns the byte
 * count or -1. */
int capture_parse_hex(const char *s, uint8_t *out, size_t cap);

#endif /* CAPTURE_CLI_H */
