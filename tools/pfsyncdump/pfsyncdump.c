/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsyncdump: decode pfsync v6 frames (IP protocol 240) from a pcap file
 * or a live interface with lib/pfsync, like OpenBSD's tcpdump -T pfsync,
 * and verify the HMAC carried in pfcksum when given the key.
 * Exit status: 0 = at least one pfsync frame read, none that OpenBSD's
 * receiver would drop (and, with -k, all authenticated); 1 = anything
 * else; 2 = usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "capture_cli.h"
#include "pfsyncdump_fmt.h"
#include "rtr_version.h"

#define EXIT_USAGE   2
#define FILTER       "ip proto 240"
#define FILTER_ETHER FILTER " or (vlan and " FILTER ")"

struct opts {
	struct capture_cli cli; /* -r, -i, -t, -c */
	int verbose;
	const char *key[2]; /* hex */
};

struct run {
	struct opts o;
	struct capture cap;
	bool auth_on;
	struct pfsync_auth auth;
	unsigned long frames, dropped, verdicts[PFSYNC_AUTH_V_REPLAY + 1];
};

static void usage(FILE *f)
{
	fprintf(f, "usage: pfsyncdump (-r FILE | -i IFNAME [-t SECONDS]) [-c COUNT] [-v[v]]\n"
	           "                  [-k HEXKEY [--key2 HEXKEY]]\n"
	           "Decode pfsync v6 frames (IP protocol 240) like tcpdump -T pfsync -v.\n"
	           "  -r FILE       read a pcap/pcapng file\n"
	           "  -i IFNAME     capture live (libpcap, promiscuous)\n"
	           "  -t SECONDS    stop a live capture after SECONDS\n"
	           "  -c COUNT      stop after COUNT pfsync frames\n"
	           "  -v            state details (age, expiry, counters, rule, flags, id);\n"
	           "  -vv           and peers (sequence windows, scrub), route, rtable, ...\n"
	           "  -k HEXKEY     verify the HMAC in pfcksum with this key (16-64 bytes as\n"
	           "                hex); replayed counters are reported too\n"
	           "  --key2 HEX    a second (previous) key, also accepted\n"
	           "  -h, --help    this text;  -V, --version\n"
	           "Exit: 0 at least one frame, none dropped by OpenBSD's receive checks\n"
	           "      (and all authenticated with -k); 1 otherwise; 2 usage error.\n");
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lopts[] = {
	    {"key2", required_argument, NULL, '2'},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c, rc;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, CAPTURE_CLI_OPTSTRING "vk:hV", lopts, NULL)) != -1) {
		rc = capture_cli_opt(&o->cli, "pfsyncdump", c, optarg);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;
		switch (c) {
		case 'v':
			o->verbose++;
			break;
		case 'k':
			o->key[0] = optarg;
			break;
		case '2':
			o->key[1] = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("pfsyncdump %s\n", RTR_VERSION);
			exit(0);
		default:
			return -EINVAL;
		}
	}
	if (capture_cli_check(&o->cli, "pfsyncdump", optind, argc, argv) < 0)
		return -EINVAL;
	if (o->key[1] != NULL && o->key[0] == NULL) {
		fprintf(stderr, "pfsyncdump: --key2 needs -k\n");
		return -EINVAL;
	}
	return 0;
}

static int setup_auth(struct run *r)
{
	uint8_t key[PFSYNC_KEY_MAX];
	unsigned slot;
	int n;

	if (r->o.key[0] == NULL)
		return 0;
	if (pfsync_auth_init(&r->auth) < 0) {
		fprintf(stderr, "pfsyncdump: libcrypto: out of memory\n");
		return -ENOMEM;
	}
	r->auth_on = true;
	for (slot = 0; slot < 2; slot++) {
		if (r->o.key[slot] == NULL)
			continue;
		n = capture_parse_hex(r->o.key[slot], key, sizeof(key));
		if (n < PFSYNC_KEY_MIN || pfsync_auth_set_key(&r->auth, slot, key, (size_t)n) < 0) {
			fprintf(stderr, "pfsyncdump: %s: a key is %d to %d bytes as hex\n",
			        slot == 0 ? "-k" : "--key2", PFSYNC_KEY_MIN, PFSYNC_KEY_MAX);
			return -EINVAL;
		}
	}
	return 0;
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct run *r = (struct run *)user;
	struct pfsyncdump_result res;
	struct capture_l3 l3;

	if (capture_l3(r->cap.linktype, data, h->caplen, &l3) < 0)
		return; /* not IP: the filter lets none through */
	pfsyncdump_print(stdout, &l3, &h->ts, r->o.verbose, r->auth_on ? &r->auth : NULL, &res);
	if (!res.pfsync)
		return;
	r->frames++;
	if (res.reason != PFSYNC_RX_OK)
		r->dropped++;
	if (res.auth_checked)
		r->verdicts[res.auth]++;
	if (r->o.cli.count != 0 && (long)r->frames >= r->o.cli.count)
		capture_stop(&r->cap);
}

static int exit_status(const struct run *r)
{
	fprintf(stderr, "pfsyncdump: %lu frames, %lu with drops", r->frames, r->dropped);
	if (r->auth_on)
		fprintf(stderr, ", %lu authenticated, %lu unsigned, %lu bad, %lu replayed",
		        r->verdicts[PFSYNC_AUTH_V_OK], r->verdicts[PFSYNC_AUTH_V_UNSIGNED],
		        r->verdicts[PFSYNC_AUTH_V_BAD], r->verdicts[PFSYNC_AUTH_V_REPLAY]);
	fputc('\n', stderr);
	if (r->frames == 0) {
		fprintf(stderr, "pfsyncdump: no pfsync frame read\n");
		return 1;
	}
	if (r->auth_on && r->verdicts[PFSYNC_AUTH_V_OK] != r->frames)
		return 1;
	return r->dropped != 0 ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct run r;
	int rc;

	memset(&r, 0, sizeof(r));
	if (parse_opts(argc, argv, &r.o) < 0) {
		fprintf(stderr, "Try 'pfsyncdump --help'.\n");
		return EXIT_USAGE;
	}
	if (setup_auth(&r) < 0) {
		if (r.auth_on)
			pfsync_auth_fini(&r.auth);
		return EXIT_USAGE;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	capture_catch_signals();
	{
		const struct capture_opts o = {
		    .prog = "pfsyncdump",
		    .file = r.o.cli.file,
		    .ifname = r.o.cli.ifname,
		    .filter = FILTER,
		    .filter_ether = FILTER_ETHER,
		    .snaplen = 65535,
		    .timeout_s = r.o.cli.timeout_s,
		};

		rc = capture_open(&r.cap, &o);
	}
	if (rc == 0)
		rc = capture_run(&r.cap, on_packet, (u_char *)&r);
	capture_close(&r.cap);
	if (r.auth_on)
		pfsync_auth_fini(&r.auth);
	if (rc < 0)
		return 1;
	return exit_status(&r);
}
