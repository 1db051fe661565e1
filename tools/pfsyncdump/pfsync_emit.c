/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync-emit: write pfsync frames built by lib/pfsync's encoder to a pcap
 * file (Ethernet, 224.0.0.240's multicast MAC), for interop checks.
 *   pfsync-emit -w OUT [-k HEXKEY]   a fixed scenario: every message type
 *   pfsync-emit -w OUT --reencode IN  decode each pfsync frame of IN with
 *       lib/pfsync and build it again with the encoder (same subheader
 *       order, IPv4 source/destination/id and pfcksum kept), so a script
 *       can compare the bytes with an independent encoder's.
 */
#include <errno.h>
#include <getopt.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "capture_cli.h"
#include "capture_link.h"
#include "pfsync_auth.h"
#include "pfsync_build.h"
#include "pfsync_wire.h"

#define T0    1700000000 /* 2023-11-14 22:13:20 UTC */
#define ME    0x0a0b0c0du
#define PEER  0x01020304u
#define ETHER 14

static const uint8_t src_ip[4] = {192, 0, 2, 2}, group[4] = {224, 0, 0, 240};
static const uint8_t src_mac[6] = {0x02, 0, 0, 0, 0, 0x02};
static const uint8_t group_mac[6] = {0x01, 0x00, 0x5e, 0x00, 0x00, 0xf0};

struct out {
	pcap_t *pc;
	pcap_dumper_t *d;
	unsigned n;
	struct pfsync_auth *auth;
};

static void write_frame(struct out *o, const uint8_t *ip, size_t len, const uint8_t *dmac,
                        const uint8_t *smac)
{
	uint8_t frame[ETHER + PFSYNC_MTU_MAX];
	struct pcap_pkthdr h = {.caplen = (bpf_u_int32)(ETHER + len),
	                        .len = (bpf_u_int32)(ETHER + len)};

	memcpy(frame, dmac, 6);
	memcpy(frame + 6, smac, 6);
	frame[12] = 0x08;
	frame[13] = 0x00;
	memcpy(frame + ETHER, ip, len);
	h.ts.tv_sec = T0 + o->n++;
	pcap_dump((u_char *)o->d, &h, frame);
}

/* Finish, sign when a key was given, write. */
static void emit(struct out *o, struct pfsync_pkt *b, uint16_t id)
{
	size_t len = pfsync_pkt_finish(b, src_ip, group, id);

	if (o->auth != NULL && pfsync_auth_sign(o->auth, (uint64_t)T0 * 1000, b->buf, len) < 0) {
		fprintf(stderr, "pfsync-emit: signing failed\n");
		exit(1);
	}
	write_frame(o, b->buf, len, group_mac, src_mac);
}

/* A TCP state out through NAT: stack 10.0.0.5:1025 -> 198.51.100.20:443,
 * wire 192.0.2.1:50001 -> 198.51.100.20:443. */
static void tcp_state(struct pfsync_state_msg *st)
{
	memset(st, 0, sizeof(*st));
	st->id = 0x5f00000000000001ull;
	strcpy(st->ifname, "all");
	st->af = st->key[0].af = st->key[1].af = PFSYNC_AF_INET;
	st->proto = PFSYNC_IPPROTO_TCP;
	st->direction = PFSYNC_PF_OUT;
	/* out: the source is index 1 */
	memcpy(st->key[PFSYNC_SK_WIRE].addr[1], (uint8_t[]){192, 0, 2, 1}, 4);
	st->key[PFSYNC_SK_WIRE].port[1] = 50001;
	memcpy(st->key[PFSYNC_SK_STACK].addr[1], (uint8_t[]){10, 0, 0, 5}, 4);
	st->key[PFSYNC_SK_STACK].port[1] = 1025;
	memcpy(st->key[0].addr[0], (uint8_t[]){198, 51, 100, 20}, 4);
	memcpy(st->key[1].addr[0], (uint8_t[]){198, 51, 100, 20}, 4);
	st->key[0].port[0] = st->key[1].port[0] = 443;
	st->src = (struct pfsync_peer_msg){.seqlo = 1000000,
	                                   .seqhi = 1065535,
	                                   .seqdiff = 77,
	                                   .max_win = 65535,
	                                   .mss = 1460,
	                                   .state = 4,
	                                   .wscale = 7};
	st->dst = (struct pfsync_peer_msg){.seqlo = 2000000,
	                                   .seqhi = 2029200,
	                                   .max_win = 29200,
	                                   .mss = 1460,
	                                   .state = 4,
	                                   .wscale = 7};
	st->src.scrub =
	    (struct pfsync_scrub_msg){PFSYNC_PFSS_TIMESTAMP, 64, PFSYNC_SCRUB_FLAG_VALID, 12345};
	st->rule = 3;
	st->anchor = st->nat_rule = PFSYNC_RULE_NONE;
	st->creation = 100;
	st->expire = 86300;
	st->packets[0] = 12;
	st->packets[1] = 10;
	st->bytes[0] = 3400;
	st->bytes[1] = 9000;
	st->creatorid = ME;
	st->max_mss = 1400;
	st->timeout = PFTM_TCP_ESTABLISHED;
	st->state_flags = PFSTATE_ACK;
}

/* A UDP/IPv6 state, inbound, not translated. */
static void udp6_state(struct pfsync_state_msg *st)
{
	static const uint8_t a[16] = {0x20, 0x01, 0x0d, 0xb8, [15] = 0x10};
	static const uint8_t b[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 0x53};

	memset(st, 0, sizeof(*st));
	st->id = 0x5f00000000000002ull;
	strcpy(st->ifname, "em1");
	st->af = st->key[0].af = st->key[1].af = PFSYNC_AF_INET6;
	st->proto = PFSYNC_IPPROTO_UDP;
	st->direction = PFSYNC_PF_IN; /* in: the source is index 0 */
	memcpy(st->key[0].addr[0], a, 16);
	memcpy(st->key[0].addr[1], b, 16);
	st->key[0].port[0] = 40000;
	st->key[0].port[1] = 53;
	st->key[1] = st->key[0];
	st->src.state = 2; /* MULTIPLE */
	st->dst.state = 1; /* SINGLE */
	st->rule = st->anchor = st->nat_rule = PFSYNC_RULE_NONE;
	st->creation = 5;
	st->expire = 55;
	st->packets[0] = 1;
	st->bytes[0] = 80;
	st->creatorid = ME;
	st->timeout = PFTM_UDP_MULTIPLE;
	st->state_flags = PFSTATE_SLOPPY;
}

static void scenario(struct out *o)
{
	uint8_t buf[PFSYNC_MTU_DEFAULT];
	struct pfsync_pkt b;
	struct pfsync_state_msg st, st2;
	struct pfsync_upd_c_msg u;
	struct pfsync_ref_msg r;
	struct pfsync_bus_msg bus;
	struct pfsync_clr_msg clr = {"em0", PEER};

	tcp_state(&st);
	udp6_state(&st2);
	/* 1: two new states, the first asking for an INS_ACK (defer) */
	pfsync_pkt_init(&b, buf, sizeof(buf), sizeof(buf));
	pfsync_pkt_add_state(&b, PFSYNC_ACT_INS, &st);
	pfsync_pkt_add_state(&b, PFSYNC_ACT_INS, &st2);
	emit(o, &b, 0x1001);
	/* 2: ack, update, deletes (OpenBSD's order: IACK, UPD_C, DEL_C) */
	pfsync_pkt_reset(&b);
	r = (struct pfsync_ref_msg){0x6100000000000009ull, PEER};
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_INS_ACK, &r);
	st.src.seqlo += 1448;
	pfsync_upd_c_from_state(&u, &st);
	pfsync_pkt_add_upd_c(&b, &u);
	r = (struct pfsync_ref_msg){0x5f00000000000007ull, ME};
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r);
	r.id++;
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r);
	emit(o, &b, 0x1002);
	/* 3: a bulk update request, then a request for one state */
	pfsync_pkt_reset(&b);
	r = (struct pfsync_ref_msg){0, 0};
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_UPD_REQ, &r);
	emit(o, &b, 0x1003);
	pfsync_pkt_reset(&b);
	r = (struct pfsync_ref_msg){0x6100000000000001ull, PEER};
	pfsync_pkt_add_ref(&b, PFSYNC_ACT_UPD_REQ, &r);
	emit(o, &b, 0x1004);
	/* 4: a whole (small) bulk: BUS START, two full states, BUS END */
	pfsync_pkt_reset(&b);
	bus = (struct pfsync_bus_msg){ME, 2, PFSYNC_BUS_START};
	pfsync_bus_encode(&bus, pfsync_pkt_reserve_tail(&b, PFSYNC_ACT_BUS));
	st.state_flags = 0;
	pfsync_pkt_add_state(&b, PFSYNC_ACT_UPD, &st);
	pfsync_pkt_add_state(&b, PFSYNC_ACT_UPD, &st2);
	bus = (struct pfsync_bus_msg){ME, 0, PFSYNC_BUS_END};
	pfsync_bus_encode(&bus, pfsync_pkt_reserve_tail(&b, PFSYNC_ACT_BUS));
	emit(o, &b, 0x1005);
	/* 5: clear the peer's states on em0, delete one in full (DEL) */
	pfsync_pkt_reset(&b);
	pfsync_pkt_add_clr(&b, &clr);
	pfsync_pkt_add_state(&b, PFSYNC_ACT_DEL, &st2);
	emit(o, &b, 0x1006);
}

/* Re-encode one decoded frame; 0, or -1 when it is not a clean frame. */
static int reencode(struct out *o, const struct capture_l3 *l3, const uint8_t *dmac,
                    const uint8_t *smac)
{
	static struct pfsync_msg m;
	uint8_t buf[PFSYNC_MTU_MAX];
	struct pfsync_pkt b;
	struct pfsync_ip4 ip;
	struct pfsync_iter it;
	size_t len;
	uint8_t *p;
	int rc;

	if (pfsync_ip4_parse(l3->data, l3->len, &ip) != PFSYNC_RX_OK ||
	    pfsync_frame_open(&it, ip.payload, ip.payload_len) != PFSYNC_RX_OK ||
	    pfsync_pkt_init(&b, buf, sizeof(buf), PFSYNC_MTU_MAX) < 0)
		return -1;
	while ((rc = pfsync_frame_next(&it, &m)) > 0) {
		if (m.skipped || m.mlen != pfsync_act_len(m.action))
			return -1;
		/* a new subheader where the input had one */
		p = m.index == 0 ? pfsync_pkt_reserve_tail(&b, m.action)
		                 : pfsync_pkt_reserve(&b, m.action);
		if (p == NULL)
			return -1;
		switch (m.action) {
		case PFSYNC_ACT_INS:
		case PFSYNC_ACT_UPD:
		case PFSYNC_ACT_DEL:
			pfsync_state_encode(&m.u.state, p);
			break;
		case PFSYNC_ACT_UPD_C:
			pfsync_upd_c_encode(&m.u.upd_c, p);
			break;
		case PFSYNC_ACT_CLR:
			pfsync_clr_encode(&m.u.clr, p);
			break;
		case PFSYNC_ACT_BUS:
			pfsync_bus_encode(&m.u.bus, p);
			break;
		case PFSYNC_ACT_TDB:
			pfsync_tdb_encode(&m.u.tdb, p);
			break;
		default:
			pfsync_ref_encode(&m.u.ref, p);
		}
	}
	if (rc < 0)
		return -1;
	len = pfsync_pkt_finish(&b, ip.src, ip.dst, ip.id);
	memcpy(buf + PFSYNC_IP4_HDR_LEN + PFSYNC_CKSUM_OFF, it.hdr.pfcksum, PFSYNC_CKSUM_LEN);
	write_frame(o, buf, len, dmac, smac);
	return 0;
}

static int run_reencode(struct out *o, const char *in)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *pc = pcap_open_offline(in, err);
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned skipped = 0;
	int rc;

	if (pc == NULL) {
		fprintf(stderr, "pfsync-emit: %s\n", err);
		return -1;
	}
	while ((rc = pcap_next_ex(pc, &h, &data)) == 1) {
		struct capture_l3 l3;

		if (capture_l3(pcap_datalink(pc), data, h->caplen, &l3) < 0 ||
		    l3.ethertype != CAPTURE_ETHERTYPE_IP4 || !l3.have_dst_mac ||
		    reencode(o, &l3, l3.dst_mac, l3.src_mac) < 0)
			skipped++;
	}
	pcap_close(pc);
	fprintf(stderr, "pfsync-emit: %u frames re-encoded, %u skipped (not clean pfsync)\n", o->n,
	        skipped);
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lopts[] = {
	    {"reencode", required_argument, NULL, 'e'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const char *outf = NULL, *in = NULL, *khex = NULL;
	struct pfsync_auth auth;
	struct out o = {0};
	int c, rc = 0;

	while ((c = getopt_long(argc, argv, "w:k:h", lopts, NULL)) != -1) {
		switch (c) {
		case 'w':
			outf = optarg;
			break;
		case 'k':
			khex = optarg;
			break;
		case 'e':
			in = optarg;
			break;
		default:
			fprintf(
			    stderr,
			    "usage: pfsync-emit -w OUT.pcap [-k HEXKEY | --reencode IN.pcap]\n");
			return c == 'h' ? 0 : 2;
		}
	}
	if (outf == NULL || optind != argc || (in != NULL && khex != NULL)) {
		fprintf(stderr,
		        "usage: pfsync-emit -w OUT.pcap [-k HEXKEY | --reencode IN.pcap]\n");
		return 2;
	}
	if (khex != NULL) {
		uint8_t key[PFSYNC_KEY_MAX];
		int n = capture_parse_hex(khex, key, sizeof(key));

		if (n < PFSYNC_KEY_MIN || pfsync_auth_init(&auth) < 0 ||
		    pfsync_auth_set_key(&auth, 0, key, (size_t)n) < 0) {
			fprintf(stderr, "pfsync-emit: -k: 16-64 bytes as hex\n");
			return 2;
		}
		pfsync_auth_start(&auth, (uint64_t)T0 * 1000);
		o.auth = &auth;
	}
	o.pc = pcap_open_dead(DLT_EN10MB, 65535);
	o.d = o.pc != NULL ? pcap_dump_open(o.pc, outf) : NULL;
	if (o.d == NULL) {
		fprintf(stderr, "pfsync-emit: %s: %s\n", outf, o.pc ? pcap_geterr(o.pc) : "pcap");
		return 1;
	}
	if (in != NULL)
		rc = run_reencode(&o, in);
	else
		scenario(&o);
	pcap_dump_close(o.d);
	pcap_close(o.pc);
	if (o.auth != NULL)
		pfsync_auth_fini(&auth);
	return rc < 0 ? 1 : 0;
}
