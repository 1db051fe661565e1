/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * carpdump: decode CARP advertisements from a pcap file or a live interface
 * with lib/carp, and explain authentication failures.
 * Exit status: 0 = at least one advertisement read, all valid (and, with
 * --pass, all authenticated); 1 = anything else; 2 = usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture.h"
#include "capture_cli.h"
#include "carpdump_addr.h"
#include "carpdump_decode.h"
#include "carpdump_diag.h"
#include "rtr_version.h"

#define EXIT_USAGE 2
/* proto 112 over IPv4/IPv6; on Ethernet also inside one VLAN tag (libpcap
 * rejects "vlan" on other link types, e.g. the cooked "any" device) */
#define CARPDUMP_FILTER       "ip proto 112 or ip6 proto 112"
#define CARPDUMP_FILTER_ETHER CARPDUMP_FILTER " or (vlan and (" CARPDUMP_FILTER "))"

struct opts {
	struct capture_cli cli; /* -r, -i, -t, -c */
	long vhid;              /* 0 = all */
	const char *pass;
	const char *addrs;
};

struct stats {
	unsigned long packets; /* protocol-112 packets seen */
	unsigned long valid;   /* CARP advertisements lib/carp accepts */
	unsigned long auth_ok;
	unsigned long auth_bad;
};

struct run {
	struct opts o;
	struct stats st;
	bool auth;
	struct carpdump_auth a;
	struct capture cap;
	int err; /* <0: libcrypto failure */
};

static void usage(FILE *f)
{
	fprintf(f, "usage: carpdump (-r FILE | -i IFNAME [-t SECONDS]) [-c COUNT]\n"
	           "                [--vhid N] [--pass PASSPHRASE --addr ADDR[,ADDR...]]\n"
	           "Decode CARP advertisements (IP protocol 112) like tcpdump -T carp -v.\n"
	           "  -r FILE       read a pcap/pcapng file\n"
	           "  -i IFNAME     capture live (libpcap, promiscuous)\n"
	           "  -t SECONDS    stop a live capture after SECONDS\n"
	           "  -c COUNT      stop after COUNT protocol-112 packets\n"
	           "  --vhid N      only packets of vhid (VRRP: vrid) N\n"
	           "  --pass P      check each digest against passphrase P (first 19\n"
	           "                bytes, as BSD ifconfig; \"\" = no passphrase)\n"
	           "  --addr LIST   the virtual addresses hashed (IPv4/IPv6, any order)\n"
	           "  -h, --help    this text;  -V, --version\n"
	           "A failed check names the likely cause: a single-address (ucarp) digest,\n"
	           "an address missing on one side, a peer without passphrase, or 'wrong\n"
	           "passphrase, or address lists differ'.\n"
	           "Exit: 0 all advertisements valid (and authenticated), at least one;\n"
	           "      1 otherwise; 2 usage error.\n");
}

static int parse_opts(int argc, char **argv, struct opts *o)
{
	static const struct option lopts[] = {
	    {"pass", required_argument, NULL, 'p'}, {"addr", required_argument, NULL, 'a'},
	    {"vhid", required_argument, NULL, 'v'}, {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},    {NULL, 0, NULL, 0},
	};
	int c, rc;

	memset(o, 0, sizeof(*o));
	while ((c = getopt_long(argc, argv, CAPTURE_CLI_OPTSTRING "hV", lopts, NULL)) != -1) {
		rc = capture_cli_opt(&o->cli, "carpdump", c, optarg);
		if (rc < 0)
			return rc;
		if (rc > 0)
			continue;
		switch (c) {
		case 'v':
			if (capture_parse_long(optarg, 1, 255, &o->vhid) < 0) {
				fprintf(stderr, "carpdump: --vhid needs 1..255\n");
				return -EINVAL;
			}
			break;
		case 'p':
			o->pass = optarg;
			break;
		case 'a':
			o->addrs = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		case 'V':
			printf("carpdump %s\n", RTR_VERSION);
			exit(0);
		default:
			return -EINVAL;
		}
	}
	if (capture_cli_check(&o->cli, "carpdump", optind, argc, argv) < 0)
		return -EINVAL;
	if ((o->pass == NULL) != (o->addrs == NULL)) {
		fprintf(stderr, "carpdump: --pass and --addr go together\n");
		return -EINVAL;
	}
	return 0;
}

static void check_auth(struct run *r, const struct carpdump_pkt *p)
{
	struct carpdump_diag d;
	char text[512];
	const char *note;

	if (carpdump_diagnose(&r->a, &p->pkt, &d) < 0) {
		r->err = -EIO;
		printf(" auth=ERROR\n");
		return;
	}
	if (d.ok) {
		r->st.auth_ok++;
		printf(" auth=ok\n");
		return;
	}
	r->st.auth_bad++;
	carpdump_diag_text(&r->a, &d, text, sizeof(text));
	printf(" auth=BAD\n  diagnosis: %s\n", text);
	note = carpdump_auth_note(&r->a);
	if (note != NULL)
		printf("  note: %s\n", note);
}

static void on_packet(u_char *user, const struct pcap_pkthdr *h, const u_char *data)
{
	struct run *r = (struct run *)user;
	struct carpdump_pkt p;
	char line[512];

	if (carpdump_decode(r->cap.linktype, data, h->caplen, &p) < 0)
		return; /* link type checked at open */
	/* --vhid: skip other groups; keep packets too broken to have one */
	if (r->o.vhid != 0 && (p.pkt.carp != NULL || p.res == CARP_PARSE_VRRP) &&
	    p.pkt.adv.vhid != r->o.vhid)
		return;
	r->st.packets++;
	carpdump_format(&p, &h->ts, line, sizeof(line));
	fputs(line, stdout);
	if (carpdump_is_valid(&p))
		r->st.valid++;
	if (carpdump_is_valid(&p) && r->auth)
		check_auth(r, &p); /* ends the line */
	else
		putchar('\n');
	if (r->o.cli.count != 0 && (long)r->st.packets >= r->o.cli.count)
		capture_stop(&r->cap);
}

static int setup_auth(struct run *r)
{
	struct carp_addr_list l;
	char err[128];
	const char *note;

	if (r->o.pass == NULL)
		return 0;
	if (carpdump_addr_list_parse(r->o.addrs, &l, err, sizeof(err)) < 0) {
		fprintf(stderr, "carpdump: --addr: %s\n", err);
		return -EINVAL;
	}
	if (carpdump_auth_init(&r->a, r->o.pass, &l) < 0) {
		fprintf(stderr, "carpdump: --addr: no hashable address "
		                "(0.0.0.0 and 255.255.255.255 never are)\n");
		carpdump_auth_fini(&r->a);
		return -EINVAL;
	}
	note = carpdump_auth_note(&r->a);
	if (note != NULL)
		fprintf(stderr, "carpdump: note: %s\n", note);
	r->auth = true;
	return 0;
}

static int open_capture(struct run *r)
{
	const struct capture_opts o = {
	    .prog = "carpdump",
	    .file = r->o.cli.file,
	    .ifname = r->o.cli.ifname,
	    .filter = CARPDUMP_FILTER,
	    .filter_ether = CARPDUMP_FILTER_ETHER,
	    .snaplen = 512,
	    .timeout_s = r->o.cli.timeout_s,
	};

	return capture_open(&r->cap, &o);
}

static int exit_status(const struct run *r)
{
	const struct stats *s = &r->st;

	fprintf(stderr, "carpdump: %lu packets, %lu valid CARP advertisements", s->packets,
	        s->valid);
	if (r->auth)
		fprintf(stderr, ", %lu authenticated, %lu failed authentication", s->auth_ok,
		        s->auth_bad);
	fputc('\n', stderr);
	if (s->packets == 0)
		fprintf(stderr, "carpdump: no CARP advertisement read\n");
	if (r->err < 0 || s->packets == 0 || s->valid != s->packets)
		return 1;
	return r->auth && s->auth_ok != s->valid ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct run r = {0};
	int rc;

	if (parse_opts(argc, argv, &r.o) < 0) {
		fprintf(stderr, "Try 'carpdump --help'.\n");
		return EXIT_USAGE;
	}
	if (setup_auth(&r) < 0)
		return EXIT_USAGE;
	setvbuf(stdout, NULL, _IOLBF, 0);
	capture_catch_signals();
	rc = open_capture(&r);
	if (rc == 0)
		rc = capture_run(&r.cap, on_packet, (u_char *)&r);
	capture_close(&r.cap);
	if (r.auth)
		carpdump_auth_fini(&r.a);
	if (rc < 0)
		return 1;
	return exit_status(&r);
}
