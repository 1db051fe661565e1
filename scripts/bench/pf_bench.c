/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf-bench: the filter stage alone (lib/fwd/fwd_filter.c: lib/pf's packet
 * path, rte_acl, one worker's table), the way a worker runs it: for each
 * packet `in` on the LAN port, then `out` on the outside port with NAT.
 * Not a test: it prints figures (scripts/bench/pf_bench.sh records them).
 *
 *   pf-bench CONNS [ROUNDS]
 *
 * 1. New connections: CONNS TCP SYNs from distinct clients (10.0.0.0/8) to
 *    distinct servers, each making two states (in, out) with a NAT port:
 *    connections per second per core, RFC 9693's "maximum connection
 *    establishment rate" without a tester in between.
 * 2. Established: each connection's SYN|ACK back and the client's ACK, then
 *    ROUNDS passes over all connections in a random order of the client's
 *    ACK (in + out, tracking, NAT rewrite): cycles per packet with 2 x
 *    CONNS states in the table ("connection tracking table capacity": the
 *    table holds them all, none refused), the median of chunks of 1024.
 * Every frame is copied from its template before each pass (the NAT rewrites
 * it in place): 64 bytes, included in the figures.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_malloc.h>
#include <rte_tcp.h>

#include "fwd_filter.h"
#include "pf_addr.h"
#include "pf_parse.h"

#define FRAME  64
#define NAT_IP 0xc6336401u /* 198.51.100.1 */

static const char rules[] = "pass in on lan0 proto tcp\n"
                            "pass out on wan0 proto tcp\n"
                            "match out on wan0 from 10.0.0.0/8 nat-to 198.51.100.1\n";

struct conn {
	uint32_t client, server;
	uint16_t cport;
	uint16_t nport; /* the NAT port, learned from the SYN */
};

static void tcp_frame(uint8_t *f, uint32_t src, uint16_t sport, uint32_t dst, uint16_t dport,
                      uint8_t flags, uint32_t seq, uint32_t ack)
{
	struct rte_ether_hdr *eth = (void *)f;
	struct rte_ipv4_hdr *ip = (void *)(eth + 1);
	struct rte_tcp_hdr *th = (void *)(ip + 1);

	memset(f, 0, FRAME);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	ip->version_ihl = 0x45;
	ip->total_length = rte_cpu_to_be_16(40);
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_TCP;
	ip->src_addr = rte_cpu_to_be_32(src);
	ip->dst_addr = rte_cpu_to_be_32(dst);
	th->src_port = rte_cpu_to_be_16(sport);
	th->dst_port = rte_cpu_to_be_16(dport);
	th->sent_seq = rte_cpu_to_be_32(seq);
	th->recv_ack = rte_cpu_to_be_32(ack);
	th->data_off = 5 << 4;
	th->tcp_flags = flags;
	th->rx_win = rte_cpu_to_be_16(65535);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	th->cksum = rte_ipv4_udptcp_cksum(ip, th);
}

#define CHUNK 1024

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

int main(int argc, char **argv)
{
	static const struct pf_iface ifv[] = {{.name = "lan0", .id = 0}, {.name = "wan0", .id = 1}};
	struct pf_iface_list ifs = {.v = ifv, .n = 2};
	struct fwd_filter_conf c = {
	    .n_workers = 1, .hostid = 1, .seed = 1, .socket = SOCKET_ID_ANY};
	char err[PF_ERR_MAX], limit[64];
	uint32_t n, rounds, *order, now = 1000;
	uint8_t(*ack)[FRAME], f[FRAME];
	struct pf_ruleset *rs;
	struct fwd_filter *flt;
	struct conn *cn;
	struct pf_status st;
	uint64_t t0, t1, hz, slots, refused = 0;
	int e, used = rte_eal_init(argc, argv);

	if (used < 0)
		return 2;
	argc -= used;
	argv += used;
	if (argc < 2)
		return fprintf(stderr, "usage: pf-bench [EAL] -- CONNS [ROUNDS]\n"), 2;
	n = (uint32_t)strtoul(argv[1], NULL, 10);
	rounds = argc > 2 ? (uint32_t)strtoul(argv[2], NULL, 10) : 5;
	hz = rte_get_tsc_hz();
	{
		char text[512];

		snprintf(limit, sizeof(limit), "set limit states %u\n", 2 * n + 16);
		snprintf(text, sizeof(text), "%s%s", limit, rules);
		rs = pf_parse_buffer("bench.conf", text, strlen(text), &ifs, err, sizeof(err));
	}
	if (rs == NULL)
		return fprintf(stderr, "%s\n", err), 1;
	c.rs = rs;
	for (unsigned i = 0; i < FWD_MAX_PORTS; i++)
		c.ifid[i] = i < 2 ? (uint16_t)i : PF_IF_ANY;
	flt = fwd_filter_create(&c, &e);
	cn = calloc(n, sizeof(*cn));
	order = calloc(n, sizeof(*order));
	ack = rte_malloc(NULL, (size_t)n * FRAME, 64);
	if (flt == NULL || cn == NULL || order == NULL || ack == NULL)
		return fprintf(stderr, "out of memory (%d)\n", e), 1;
	for (uint32_t i = 0; i < n; i++) {
		cn[i].client = 0x0a000000u | (i & 0xffffff);
		cn[i].server = 0xcb007100u | (uint32_t)(rnd() % 256); /* 203.0.113.0/24 */
		cn[i].cport = (uint16_t)(1024 + (i >> 24) * 1000 + rnd() % 60000);
		order[i] = i;
	}

	/* 1. new connections: SYN in on lan0, out on wan0 (state, NAT port) */
	t0 = rte_rdtsc_precise();
	for (uint32_t i = 0; i < n; i++) {
		tcp_frame(f, cn[i].client, cn[i].cport, cn[i].server, 80, RTE_TCP_SYN_FLAG, 1000,
		          0);
		if (fwd_filter_packet(flt, 0, 0, PF_IN, f, FRAME, now) != FWD_DROP_NONE ||
		    fwd_filter_packet(flt, 0, 1, PF_OUT, f, FRAME, now) != FWD_DROP_NONE) {
			refused++;
			continue;
		}
		cn[i].nport = rte_be_to_cpu_16(((struct rte_tcp_hdr *)(f + 34))->src_port);
	}
	t1 = rte_rdtsc_precise();
	fwd_filter_status(flt, &st, &slots);
	printf("connections %u: new %.0f conn/s (%.0f cycles per SYN, in+out, NAT), %u states, "
	       "%" PRIu64 " refused\n",
	       n, (double)n * hz / (double)(t1 - t0), (double)(t1 - t0) / n, st.states, refused);

	/* the handshake's rest: SYN|ACK back to the NAT port, the client's ACK */
	for (uint32_t i = 0; i < n; i++) {
		tcp_frame(f, cn[i].server, 80, NAT_IP, cn[i].nport,
		          RTE_TCP_SYN_FLAG | RTE_TCP_ACK_FLAG, 5000, 1001);
		fwd_filter_packet(flt, 0, 1, PF_IN, f, FRAME, now);
		fwd_filter_packet(flt, 0, 0, PF_OUT, f, FRAME, now);
		tcp_frame(ack[i], cn[i].client, cn[i].cport, cn[i].server, 80, RTE_TCP_ACK_FLAG,
		          1001, 5001);
		memcpy(f, ack[i], FRAME);
		fwd_filter_packet(flt, 0, 0, PF_IN, f, FRAME, now);
		fwd_filter_packet(flt, 0, 1, PF_OUT, f, FRAME, now);
	}
	for (uint32_t i = n; i > 1; i--) { /* a random order: no cache-friendly walk */
		uint32_t j = (uint32_t)(rnd() % i), t = order[i - 1];

		order[i - 1] = order[j];
		order[j] = t;
	}

	/* 2. established: the client's ACK, in + out, every connection, ROUNDS times.
	 * Timed in chunks of CHUNK packets, reported as the median chunk: on a
	 * shared machine a chunk the scheduler interrupted is an outlier, not a
	 * figure of the filter. */
	{
		uint32_t nch = (n + CHUNK - 1) / CHUNK * rounds, m = 0;
		uint64_t *ch = calloc(nch, sizeof(*ch)), drops = 0;

		if (ch == NULL)
			return 1;
		for (uint32_t r = 0; r < rounds; r++)
			for (uint32_t k0 = 0; k0 < n; k0 += CHUNK) {
				uint32_t k1 = k0 + CHUNK < n ? k0 + CHUNK : n;

				t0 = rte_rdtsc_precise();
				for (uint32_t k = k0; k < k1; k++) {
					uint32_t i = order[k];

					memcpy(f, ack[i], FRAME);
					drops += fwd_filter_packet(flt, 0, 0, PF_IN, f, FRAME,
					                           now) != FWD_DROP_NONE ||
					         fwd_filter_packet(flt, 0, 1, PF_OUT, f, FRAME,
					                           now) != FWD_DROP_NONE;
				}
				t1 = rte_rdtsc_precise();
				ch[m++] = (t1 - t0) * CHUNK / (k1 - k0);
			}
		qsort(ch, m, sizeof(*ch), cmp_u64);
		fwd_filter_status(flt, &st, &slots);
		printf(
		    "connections %u: established %.1f cycles per packet (in+out, %u states, median "
		    "of %u chunks of %u), %.2f Mpps per core, %" PRIu64 " dropped\n",
		    n, (double)ch[m / 2] / CHUNK, st.states, m, CHUNK,
		    (double)hz * CHUNK / (double)ch[m / 2] / 1e6, drops);
		free(ch);
	}
	fwd_filter_destroy(flt);
	pf_ruleset_free(rs);
	rte_eal_cleanup();
	return 0;
}
