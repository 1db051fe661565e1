/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * carp-emit: build CARP advertisements with lib/carp and write them to a
 * pcap file or send them on an interface (AF_PACKET). A test and operator
 * helper: it lets a peer (ucarp, an OpenBSD box, tshark) judge exactly the
 * bytes carp-router would send. Exit 0 on success, 1 on failure, 2 usage.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "carp_auth.h"
#include "carp_wire.h"
#include "carpdump_addr.h"
#include "rtr_version.h"

#define EXIT_USAGE 2

struct emit_opts {
	const char *file, *ifname, *pass, *addrs;
	long vhid, advbase, advskew, demote, count, interval_ms, ip_id, time_s;
	uint64_t counter;
	bool have_counter, have_dst, have_dst_mac, have_src_mac;
	struct carp_ipaddr src, dst;
	uint8_t src_mac[6], dst_mac[6];
};

static void usage(FILE *f)
{
	fprintf(f, "usage: carp-emit (-w FILE | -i IFNAME) --vhid N --addr A[,B...] --src IP\n"
	           "                 [--pass P] [--advbase S] [--advskew K] [--demote D]\n"
	           "                 [--counter HEX16] [--dst IP] [--dst-mac MAC] [--src-mac MAC]\n"
	           "                 [--ip-id N] [--count N] [--interval MS] [--time SECONDS]\n"
	           "Build CARP advertisements with lib/carp (OpenBSD wire format and digest).\n"
	           "  -w FILE        write an Ethernet pcap;  -i IFNAME: send (AF_PACKET)\n"
	           "  --src IP       IPv4 or IPv6 source; the family of the advertisement\n"
	           "  --dst IP       default 224.0.0.18 / ff02::12; unicast needs --dst-mac\n"
	           "  --src-mac MAC  default 00:00:5e:00:01:<vhid>\n"
	           "  --counter HEX  64-bit counter (default random, constant, as OpenBSD)\n"
	           "  --ip-id N      IPv4 identification (default random per packet)\n"
	           "  --count N      advertisements (default 1), --interval MS apart (1000)\n"
	           "  --time S       pcap timestamp of the first one (default now)\n"
	           "Defaults: advbase 1, advskew 0, demote 0, empty passphrase.\n");
}

static int num(const char *name, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 0);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "carp-emit: %s: '%s' not in %ld..%ld\n", name, s, min, max);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int parse_counter(const char *s, uint64_t *out)
{
	char *end;

	if (strlen(s) != 16)
		return -EINVAL;
	errno = 0;
	*out = strtoull(s, &end, 16);
	return errno != 0 || *end != '\0' ? -EINVAL : 0;
}

enum {
	O_VHID = 256,
	O_ADVBASE,
	O_ADVSKEW,
	O_DEMOTE,
	O_COUNTER,
	O_PASS,
	O_ADDR,
	O_SRC,
	O_DST,
	O_SRCMAC,
	O_DSTMAC,
	O_IPID,
	O_COUNT,
	O_INTERVAL,
	O_TIME
};

static int parse_one(struct emit_opts *o, int c, const char *arg)
{
	switch (c) {
	case 'w':
		o->file = arg;
		return 0;
	case 'i':
		o->ifname = arg;
		return 0;
	case O_VHID:
		return num("--vhid", arg, 1, 255, &o->vhid);
	case O_ADVBASE:
		return num("--advbase", arg, 0, 255, &o->advbase);
	case O_ADVSKEW:
		return num("--advskew", arg, 0, 255, &o->advskew);
	case O_DEMOTE:
		return num("--demote", arg, 0, 255, &o->demote);
	case O_IPID:
		return num("--ip-id", arg, 0, 65535, &o->ip_id);
	case O_COUNT:
		return num("--count", arg, 1, 1000000, &o->count);
	case O_INTERVAL:
		return num("--interval", arg, 0, 3600000, &o->interval_ms);
	case O_TIME:
		return num("--time", arg, 0, LONG_MAX, &o->time_s);
	case O_PASS:
		o->pass = arg;
		return 0;
	case O_ADDR:
		o->addrs = arg;
		return 0;
	case O_COUNTER:
		o->have_counter = true;
		if (parse_counter(arg, &o->counter) == 0)
			return 0;
		fprintf(stderr, "carp-emit: --counter needs 16 hex digits\n");
		return -EINVAL;
	case O_SRC:
	case O_DST:
		if (carpdump_ipaddr_parse(arg, c == O_SRC ? &o->src : &o->dst) == 0) {
			o->have_dst |= c == O_DST;
			return 0;
		}
		fprintf(stderr, "carp-emit: bad IP address '%s'\n", arg);
		return -EINVAL;
	case O_SRCMAC:
	case O_DSTMAC:
		if (carpdump_mac_parse(arg, c == O_SRCMAC ? o->src_mac : o->dst_mac) == 0) {
			o->have_src_mac |= c == O_SRCMAC;
			o->have_dst_mac |= c == O_DSTMAC;
			return 0;
		}
		fprintf(stderr, "carp-emit: bad MAC address '%s'\n", arg);
		return -EINVAL;
	case 'h':
		usage(stdout);
		exit(0);
	case 'V':
		printf("carp-emit %s\n", RTR_VERSION);
		exit(0);
	default:
		return -EINVAL;
	}
}

static int parse_opts(int argc, char **argv, struct emit_opts *o)
{
	static const struct option lo[] = {
	    {"vhid", required_argument, NULL, O_VHID},
	    {"advbase", required_argument, NULL, O_ADVBASE},
	    {"advskew", required_argument, NULL, O_ADVSKEW},
	    {"demote", required_argument, NULL, O_DEMOTE},
	    {"counter", required_argument, NULL, O_COUNTER},
	    {"pass", required_argument, NULL, O_PASS},
	    {"addr", required_argument, NULL, O_ADDR},
	    {"src", required_argument, NULL, O_SRC},
	    {"dst", required_argument, NULL, O_DST},
	    {"src-mac", required_argument, NULL, O_SRCMAC},
	    {"dst-mac", required_argument, NULL, O_DSTMAC},
	    {"ip-id", required_argument, NULL, O_IPID},
	    {"count", required_argument, NULL, O_COUNT},
	    {"interval", required_argument, NULL, O_INTERVAL},
	    {"time", required_argument, NULL, O_TIME},
	    {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},
	    {NULL, 0, NULL, 0},
	};
	int c;

	*o = (struct emit_opts){
	    .advbase = 1, .count = 1, .interval_ms = 1000, .ip_id = -1, .time_s = -1, .pass = ""};
	while ((c = getopt_long(argc, argv, "w:i:hV", lo, NULL)) != -1)
		if (parse_one(o, c, optarg) < 0)
			return -EINVAL;
	if (optind != argc || (o->file == NULL) == (o->ifname == NULL) || o->vhid == 0 ||
	    o->addrs == NULL || o->src.family == 0) {
		fprintf(stderr, "carp-emit: need exactly one of -w/-i, and --vhid, "
		                "--addr, --src\n");
		return -EINVAL;
	}
	if (o->have_dst && o->dst.family != o->src.family) {
		fprintf(stderr, "carp-emit: --src and --dst families differ\n");
		return -EINVAL;
	}
	return 0;
}

/* Addressing: defaults per spec 1.1 / 12 (group, group MAC, virtual MAC). */
static int fill_tx_addr(const struct emit_opts *o, struct carp_tx_addr *ta)
{
	bool v4 = o->src.family == CARP_AF_INET;
	size_t alen = v4 ? 4 : 16;
	bool mcast;

	memset(ta, 0, sizeof(*ta));
	ta->family = o->src.family;
	memcpy(ta->src_ip, o->src.a, alen);
	if (o->have_dst)
		memcpy(ta->dst_ip, o->dst.a, alen);
	else
		memcpy(ta->dst_ip, v4 ? carp_group4 : carp_group6, alen);
	mcast = v4 ? carp_ip4_is_multicast(ta->dst_ip) : carp_ip6_is_multicast(ta->dst_ip);
	if (o->have_dst_mac) {
		memcpy(ta->dst_mac, o->dst_mac, 6);
	} else if (mcast) {
		/* 01:00:5e + low 23 bits / 33:33 + low 32 bits of the group */
		static const uint8_t m4[3] = {0x01, 0x00, 0x5e};
		if (v4) {
			memcpy(ta->dst_mac, m4, 3);
			ta->dst_mac[3] = ta->dst_ip[1] & 0x7f;
			memcpy(ta->dst_mac + 4, ta->dst_ip + 2, 2);
		} else {
			ta->dst_mac[0] = ta->dst_mac[1] = 0x33;
			memcpy(ta->dst_mac + 2, ta->dst_ip + 12, 4);
		}
	} else {
		fprintf(stderr, "carp-emit: unicast --dst needs --dst-mac\n");
		return -EINVAL;
	}
	if (o->have_src_mac) {
		memcpy(ta->src_mac, o->src_mac, 6);
	} else {
		static const uint8_t vmac[5] = {0x00, 0x00, 0x5e, 0x00, 0x01};
		memcpy(ta->src_mac, vmac, 5);
		ta->src_mac[5] = (uint8_t)o->vhid;
	}
	return 0;
}

static uint64_t random64(void)
{
	uint64_t v = 0;

	if (getrandom(&v, sizeof(v), 0) != (ssize_t)sizeof(v))
		v = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15ull ^ (uint64_t)getpid();
	return v;
}

/* The 36 CARP bytes: fields, NOV6LL digest (what OpenBSD sends), checksum. */
static int build_header(const struct emit_opts *o, uint8_t hdr[CARP_HDR_LEN])
{
	struct carp_adv adv = {
	    .version = CARP_VERSION,
	    .type = CARP_TYPE_ADVERTISEMENT,
	    .vhid = (uint8_t)o->vhid,
	    .advskew = (uint8_t)o->advskew,
	    .authlen = CARP_AUTHLEN,
	    .demote = (uint8_t)o->demote,
	    .advbase = (uint8_t)o->advbase,
	    .counter = o->have_counter ? o->counter : random64(),
	};
	struct carp_addr_list l;
	struct carp_auth auth;
	struct carp_key key;
	char err[128];
	int rc;

	if (carpdump_addr_list_parse(o->addrs, &l, err, sizeof(err)) < 0) {
		fprintf(stderr, "carp-emit: --addr: %s\n", err);
		return -EINVAL;
	}
	if (carp_key_from_passphrase(&key, o->pass) < strlen(o->pass))
		fprintf(stderr, "carp-emit: note: passphrase truncated to %d bytes\n",
		        CARP_PASSPHRASE_MAX);
	rc = carp_auth_init(&auth);
	if (rc == 0)
		rc = carp_auth_prepare(&auth, &key, adv.vhid, &l, NULL);
	if (rc == 0)
		rc = carp_auth_digest(&auth, CARP_HMAC_NOV6LL, adv.counter, adv.md);
	carp_auth_fini(&auth);
	if (rc < 0) {
		fprintf(stderr, "carp-emit: digest: %s\n", strerror(-rc));
		return rc;
	}
	carp_adv_encode(&adv, hdr, true);
	return 0;
}

struct sink {
	pcap_t *dead;
	pcap_dumper_t *dump;
	int fd;
	struct sockaddr_ll sll;
};

static int sink_open(const struct emit_opts *o, struct sink *s)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	if (o->file != NULL) {
		s->dead = pcap_open_dead(DLT_EN10MB, 65535);
		s->dump = s->dead != NULL ? pcap_dump_open(s->dead, o->file) : NULL;
		if (s->dump == NULL) {
			fprintf(stderr, "carp-emit: %s: %s\n", o->file,
			        s->dead != NULL ? pcap_geterr(s->dead) : "pcap_open_dead");
			return -EIO;
		}
		return 0;
	}
	s->sll.sll_family = AF_PACKET;
	s->sll.sll_ifindex = (int)if_nametoindex(o->ifname);
	s->sll.sll_halen = 6;
	if (s->sll.sll_ifindex == 0) {
		fprintf(stderr, "carp-emit: %s: no such interface\n", o->ifname);
		return -ENODEV;
	}
	s->fd = socket(AF_PACKET, SOCK_RAW, 0); /* send only: no protocol */
	if (s->fd < 0) {
		fprintf(stderr, "carp-emit: AF_PACKET socket: %s\n", strerror(errno));
		return -errno;
	}
	return 0;
}

static int sink_put(const struct emit_opts *o, struct sink *s, long i, const uint8_t *frame,
                    size_t len)
{
	if (s->dump != NULL) {
		struct pcap_pkthdr h = {.caplen = (bpf_u_int32)len, .len = (bpf_u_int32)len};
		long long ms = i * o->interval_ms;
		time_t base = o->time_s >= 0 ? (time_t)o->time_s : time(NULL);

		h.ts.tv_sec = base + (time_t)(ms / 1000);
		h.ts.tv_usec = (suseconds_t)(ms % 1000) * 1000;
		pcap_dump((u_char *)s->dump, &h, frame);
		return 0;
	}
	memcpy(s->sll.sll_addr, frame, 6);
	if (sendto(s->fd, frame, len, 0, (struct sockaddr *)&s->sll, sizeof(s->sll)) < 0) {
		fprintf(stderr, "carp-emit: send on %s: %s\n", o->ifname, strerror(errno));
		return -errno;
	}
	return 0;
}

static void sink_close(struct sink *s)
{
	if (s->dump != NULL)
		pcap_dump_close(s->dump);
	if (s->dead != NULL)
		pcap_close(s->dead);
	if (s->fd >= 0)
		close(s->fd);
}

int main(int argc, char **argv)
{
	struct emit_opts o;
	struct carp_tx_addr ta;
	uint8_t hdr[CARP_HDR_LEN], frame[CARP_FRAME_MAX];
	struct sink s;
	int rc, len;

	if (parse_opts(argc, argv, &o) < 0 || fill_tx_addr(&o, &ta) < 0) {
		fprintf(stderr, "Try 'carp-emit --help'.\n");
		return EXIT_USAGE;
	}
	if (build_header(&o, hdr) < 0)
		return EXIT_USAGE;
	if (sink_open(&o, &s) < 0) {
		sink_close(&s);
		return 1;
	}
	rc = 0;
	for (long i = 0; i < o.count && rc == 0; i++) {
		if (i > 0 && o.ifname != NULL)
			usleep((useconds_t)o.interval_ms * 1000);
		ta.ip_id = o.ip_id >= 0 ? (uint16_t)o.ip_id : (uint16_t)random64();
		len = carp_frame_build(&ta, hdr, frame, sizeof(frame));
		rc = len < 0 ? len : sink_put(&o, &s, i, frame, (size_t)len);
	}
	sink_close(&s);
	if (rc == 0)
		printf("carp-emit: %ld advertisement%s vhid %ld advbase %ld advskew %ld "
		       "demote %ld to %s\n",
		       o.count, o.count == 1 ? "" : "s", o.vhid, o.advbase, o.advskew, o.demote,
		       o.file != NULL ? o.file : o.ifname);
	return rc == 0 ? 0 : 1;
}
