/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The packet path end to end on crafted frames: a client behind the
 * router reaches a server through nat-to the CARP address (both states,
 * translation both ways, checksums recomputed), blocked and malformed
 * packets dropped and counted by reason, out-of-window segments, state
 * limits, NAT exhaustion, ICMP echo and errors through NAT, purge.
 */
#include <stdlib.h>
#include <string.h>

#include "pf_acl.h"
#include "pf_filter.h"
#include "pf_frames.h"
#include "pf_test.h"

#define LAN   "192.0.2.5"
#define SRV   "198.51.100.7"
#define VIP   "203.0.113.10"
#define SLOTS 64

static const char *const conf = "set skip on pfsync0\n"
                                "block all\n"                                               /* 0 */
                                "pass in on lan0\n"                                         /* 1 */
                                "pass out on wan0\n"                                        /* 2 */
                                "match out on wan0 inet from lan0:network nat-to (carp0)\n" /* 3 */
                                "pass in on wan0 proto tcp to 203.0.113.10 port 80\n";      /* 4 */

struct fx {
	struct pf_ruleset *rs;
	struct pf_filter f;
	struct pf_slot slots[SLOTS];
	struct pf_refent ents[256];
};

static struct fx *fx_new(const char *text)
{
	struct fx *x = calloc(1, sizeof(*x));

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	x->rs = t_parse(text);
	CU_ASSERT_EQUAL_FATAL(pf_filter_init(&x->f, x->slots, SLOTS, x->ents, 256, 0xfeed, 1), 0);
	pf_filter_set_ruleset(&x->f, x->rs, 1);
	return x;
}

static void fx_free(struct fx *x)
{
	pf_ruleset_free(x->rs);
	free(x);
}

static struct pf_result run(struct fx *x, uint16_t ifx, uint8_t dir, uint8_t *buf, size_t n,
                            uint32_t now)
{
	struct pf_result r;

	pf_filter_packet(&x->f, ifx, dir, buf, n, true, now, &r);
	return r;
}

static size_t tcp(uint8_t *buf, const char *s, uint16_t sp, const char *d, uint16_t dp,
                  uint8_t flags, uint32_t seq, uint32_t ack, size_t len)
{
	uint8_t l4[1600];

	return t_frame(buf, true, s, d, 6, l4,
	               t_tcp(l4, sp, dp, seq, ack, flags, 8000, NULL, 0, len), false);
}

static void assert_addrs(const uint8_t *buf, const char *src, uint16_t sp, const char *dst,
                         uint16_t dp)
{
	char a[64], b[64];

	t_src(buf, a, sizeof(a));
	t_dst(buf, b, sizeof(b));
	CU_ASSERT_STRING_EQUAL(a, src);
	CU_ASSERT_STRING_EQUAL(b, dst);
	CU_ASSERT_EQUAL(t_sport(buf), sp);
	CU_ASSERT_EQUAL(t_dport(buf), dp);
}

/* A TCP connection from the LAN through NAT to a server, and its replies. */
static void test_nat_connection(void)
{
	struct fx *x = fx_new(conf);
	uint8_t buf[T_FRAME_MAX];
	struct pf_result r;
	uint16_t nport;
	size_t n;

	/* SYN in on lan0: rule 1 creates a state, no translation */
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1000, 0, 0);
	r = run(x, T_LAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_RULES);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_TRUE(r.created);
	CU_ASSERT_FALSE(r.translated);
	/* out on wan0: rule 2 with the match rule's nat-to: source becomes the CARP address */
	r = run(x, T_WAN0, PF_OUT, buf, n, 10);
	CU_ASSERT_EQUAL(r.rule, 2);
	CU_ASSERT_TRUE(r.created);
	CU_ASSERT_TRUE(r.translated);
	nport = t_sport(buf);
	CU_ASSERT(nport >= PF_NAT_PORT_LOW);
	assert_addrs(buf, VIP, nport, SRV, 80);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	CU_ASSERT_EQUAL(pf_statetab_state(&x->f.tab, r.slot)->nat_rule, 3);
	/* the SYN|ACK comes back to the CARP address: back to the client */
	n = tcp(buf, SRV, 80, VIP, nport, PF_TH_SYN | PF_TH_ACK, 5000, 1001, 0);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	CU_ASSERT_TRUE(r.translated);
	assert_addrs(buf, SRV, 80, LAN, 40000);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	r = run(x, T_LAN0, PF_OUT, buf, n, 11); /* and out to the client: the lan0 state */
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_FALSE(r.translated);
	/* the client's ACK and data, both hops */
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_ACK, 1001, 5001, 100);
	CU_ASSERT_EQUAL(run(x, T_LAN0, PF_IN, buf, n, 12).via, PF_VIA_STATE);
	r = run(x, T_WAN0, PF_OUT, buf, n, 12);
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	assert_addrs(buf, VIP, nport, SRV, 80);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	CU_ASSERT_EQUAL(pf_statetab_state(&x->f.tab, r.slot)->timeout, PFTM_TCP_ESTABLISHED);
	/* counters: 2 states, 2 inserts, every lookup a search; per-rule packets */
	CU_ASSERT_EQUAL(x->f.tab.status.states, 2);
	CU_ASSERT_EQUAL(x->f.tab.status.fcounters[PF_FCNT_INSERT], 2);
	CU_ASSERT(x->f.tab.status.fcounters[PF_FCNT_SEARCH] >= 6);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_MATCH], 2);
	CU_ASSERT_EQUAL(x->rs->stats[2].packets[1], 2); /* out: the SYN and the data */
	CU_ASSERT_EQUAL(x->rs->stats[2].packets[0], 1); /* in: the SYN|ACK */
	CU_ASSERT_EQUAL(pf_statetab_state(&x->f.tab, r.slot)->packets[0], 2);
	CU_ASSERT_EQUAL(pf_statetab_state(&x->f.tab, r.slot)->packets[1], 1);
	CU_ASSERT_EQUAL(x->rs->stats[1].states_cur, 1);
	fx_free(x);
}

static void test_blocked_and_counted(void)
{
	struct fx *x = fx_new(conf);
	uint8_t buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	n = tcp(buf, SRV, 5555, VIP, 22, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_WAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_MATCH);
	CU_ASSERT_EQUAL(r.rule, 0); /* blocked by rule 0 */
	CU_ASSERT_EQUAL(x->rs->stats[0].packets[0], 1);
	CU_ASSERT_EQUAL(x->f.tab.status.states, 0);
	/* port 80 is open on the CARP address */
	n = tcp(buf, SRV, 5555, VIP, 80, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_WAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.rule, 4);
	/* a mid-stream ACK to port 80 without a state: flags S/SA, so rule 0 blocks */
	n = tcp(buf, SRV, 5556, VIP, 80, PF_TH_ACK, 1, 1, 0);
	r = run(x, T_WAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.rule, 0);
	/* set skip and non-IP are not filtered, not even parsed on a skipped interface */
	r = run(x, T_PFSYNC0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_SKIP);
	r = run(x, T_PFSYNC0, PF_IN, buf, 20, 10); /* truncated */
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_SKIP);
	buf[12] = 0x08;
	buf[13] = 0x06; /* ARP */
	r = run(x, T_WAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.via, PF_VIA_NOT_IP);
	fx_free(x);
}

static void test_malformed(void)
{
	struct fx *x = fx_new(conf);
	uint8_t buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_LAN0, PF_IN, buf, n - 1, 10); /* IP length past the buffer */
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.via, PF_VIA_PARSE);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_SHORT);
	buf[t_l4(buf) + 12] = 0x30; /* TCP data offset 3 words */
	r = run(x, T_LAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_BADOFF);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1, 0, 0);
	buf[14] = 0x46; /* an IPv4 header with an (unterminated) option */
	r = run(x, T_LAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_IPOPTIONS);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_SHORT], 1);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_BADOFF], 1);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_IPOPTIONS], 1);
	fx_free(x);
}

/* Out-of-window data: dropped, counted, the state keeps working. */
static void test_out_of_window(void)
{
	struct fx *x = fx_new("pass\n");
	uint8_t buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1000, 0, 0);
	CU_ASSERT_TRUE(run(x, T_LAN0, PF_OUT, buf, n, 10).created);
	n = tcp(buf, SRV, 80, LAN, 40000, PF_TH_SYN | PF_TH_ACK, 5000, 1001, 0);
	CU_ASSERT_EQUAL(run(x, T_LAN0, PF_IN, buf, n, 10).action, PF_PASS);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_ACK, 1001 + 3000000, 5001, 100);
	r = run(x, T_LAN0, PF_OUT, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_BADSTATE);
	CU_ASSERT_EQUAL(r.tcp, PF_TCP_SEQ_AHEAD);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_BADSTATE], 1);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_ACK, 1001, 5001, 100);
	CU_ASSERT_EQUAL(run(x, T_LAN0, PF_OUT, buf, n, 12).action, PF_PASS);
	CU_ASSERT_EQUAL(x->f.tab.status.states, 1);
	fx_free(x);
}

static void test_limits_and_exhaustion(void)
{
	struct fx *x = fx_new("set limit states 1\npass\n");
	uint8_t buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1, 0, 0);
	CU_ASSERT_TRUE(run(x, T_LAN0, PF_IN, buf, n, 10).created);
	n = tcp(buf, LAN, 40001, SRV, 80, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_LAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_MEMORY);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_MEMORY], 1);
	fx_free(x);

	/* one NAT port: the second connection to the same server cannot be translated */
	x = fx_new("pass out on wan0 inet nat-to 203.0.113.10 port 50000\n");
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_WAN0, PF_OUT, buf, n, 10);
	CU_ASSERT_EQUAL(t_sport(buf), 50000);
	n = tcp(buf, LAN, 40001, SRV, 80, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_WAN0, PF_OUT, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_TRANSLATE);
	CU_ASSERT_EQUAL(x->f.tab.status.counters[PF_REASON_TRANSLATE], 1);
	CU_ASSERT_EQUAL(x->f.tab.status.states, 1);
	/* another server: the same port is free for it */
	n = tcp(buf, LAN, 40001, "198.51.100.8", 80, PF_TH_SYN, 1, 0, 0);
	CU_ASSERT_EQUAL(run(x, T_WAN0, PF_OUT, buf, n, 10).action, PF_PASS);
	CU_ASSERT_EQUAL(t_sport(buf), 50000);
	fx_free(x);
}

static void test_icmp_echo_nat(void)
{
	struct fx *x = fx_new("pass out on wan0 inet nat-to 203.0.113.10\n"
	                      "block in on wan0\n");
	uint8_t l4[256], buf[T_FRAME_MAX];
	struct pf_result r;
	uint16_t id;
	size_t n;

	n = t_frame(buf, true, LAN, SRV, 1, l4, t_icmp(l4, 8, 0, 0x0101, 1, 32), false);
	r = run(x, T_WAN0, PF_OUT, buf, n, 10);
	CU_ASSERT_TRUE(r.created);
	id = (uint16_t)(buf[t_l4(buf) + 4] << 8 | buf[t_l4(buf) + 5]);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	/* the reply to the new id comes back and is translated */
	n = t_frame(buf, true, SRV, VIP, 1, l4, t_icmp(l4, 0, 0, id, 1, 32), false);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	CU_ASSERT_EQUAL(buf[t_l4(buf) + 4] << 8 | buf[t_l4(buf) + 5], 0x0101);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	/* an echo request inbound to the NAT address with that id: wrong direction */
	n = t_frame(buf, true, SRV, VIP, 1, l4, t_icmp(l4, 8, 0, id, 1, 32), false);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	/* an unsolicited reply: no state, keep state rules cannot create one, blocked */
	n = t_frame(buf, true, SRV, VIP, 1, l4, t_icmp(l4, 0, 0, 0x7777, 1, 32), false);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.via, PF_VIA_RULES);
	fx_free(x);
}

/* A port unreachable for a NAT'd UDP datagram reaches the client, translated inside. */
static void test_icmp_error_nat(void)
{
	struct fx *x = fx_new("pass out on wan0 inet nat-to 203.0.113.10\nblock in on wan0\n");
	uint8_t l4[512], q[256], buf[T_FRAME_MAX];
	struct pf_result r;
	uint16_t nport;
	size_t n, qn;
	char a[64];

	n = t_frame(buf, true, LAN, SRV, 17, l4, t_udp(l4, 5353, 53, 20), false);
	CU_ASSERT_TRUE(run(x, T_WAN0, PF_OUT, buf, n, 10).created);
	nport = t_sport(buf);
	/* the router quotes the translated datagram, completely */
	qn = (size_t)(n - 14);
	memcpy(q, buf + 14, qn);
	n = t_frame(buf, true, "203.0.113.1", VIP, 1, l4, t_icmp_err(l4, 3, 3, q, qn), false);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	CU_ASSERT_TRUE(r.translated);
	t_dst(buf, a, sizeof(a));
	CU_ASSERT_STRING_EQUAL(a, LAN);
	CU_ASSERT_EQUAL((buf[t_l4(buf) + 8 + 20] << 8) | buf[t_l4(buf) + 8 + 21], 5353);
	CU_ASSERT_TRUE(t_cksums_ok(buf, n, true));
	/* an error quoting a datagram we never sent finds no state: rules block it */
	q[21] ^= 0x01; /* another quoted source port */
	n = t_frame(buf, true, "203.0.113.1", VIP, 1, l4, t_icmp_err(l4, 3, 3, q, qn), false);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.via, PF_VIA_RULES);
	/* an error whose quoted source is not the outer destination is a forgery */
	n = t_frame(buf, true, "203.0.113.1", "203.0.113.99", 1, l4, t_icmp_err(l4, 3, 3, q, qn),
	            false);
	r = run(x, T_WAN0, PF_IN, buf, n, 11);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_BADSTATE);
	CU_ASSERT(nport >= PF_NAT_PORT_LOW);
	fx_free(x);
}

static void test_purge_and_reuse(void)
{
	struct fx *x = fx_new("pass\n");
	uint8_t l4[64], buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	n = t_frame(buf, true, LAN, SRV, 17, l4, t_udp(l4, 1000, 53, 4), false);
	CU_ASSERT_TRUE(run(x, T_LAN0, PF_OUT, buf, n, 100).created);
	CU_ASSERT_EQUAL(pf_filter_purge(&x->f, 159, 100), 0); /* udp.first 60 */
	CU_ASSERT_EQUAL(pf_filter_purge(&x->f, 160, 100), 1);
	r = run(x, T_LAN0, PF_OUT, buf, n, 161);
	CU_ASSERT_TRUE(r.created); /* the keys went with the state */
	CU_ASSERT_EQUAL(x->f.tab.status.fcounters[PF_FCNT_REMOVALS], 1);

	/* TCP: after both FINs a new SYN on the 4-tuple replaces the state */
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1000, 0, 0);
	CU_ASSERT_TRUE(run(x, T_LAN0, PF_OUT, buf, n, 10).created);
	n = tcp(buf, SRV, 80, LAN, 40000, PF_TH_SYN | PF_TH_ACK, 5000, 1001, 0);
	run(x, T_LAN0, PF_IN, buf, n, 10);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_FIN | PF_TH_ACK, 1001, 5001, 0);
	run(x, T_LAN0, PF_OUT, buf, n, 11);
	n = tcp(buf, SRV, 80, LAN, 40000, PF_TH_FIN | PF_TH_ACK, 5001, 1002, 0);
	run(x, T_LAN0, PF_IN, buf, n, 11);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_ACK, 1002, 5002, 0);
	r = run(x, T_LAN0, PF_OUT, buf, n, 11);
	CU_ASSERT_EQUAL(pf_statetab_state(&x->f.tab, r.slot)->timeout, PFTM_TCP_CLOSED);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 9000, 0, 0);
	r = run(x, T_LAN0, PF_OUT, buf, n, 12);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_TRUE(r.created);
	CU_ASSERT_EQUAL(pf_statetab_state(&x->f.tab, r.slot)->src.seqlo, 9000);
	fx_free(x);
}

static void test_fragments_no_state(void)
{
	struct fx *x = fx_new("block all\npass proto udp\n");
	uint8_t l4[64], buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	n = t_frame(buf, true, LAN, SRV, 17, l4, t_udp(l4, 1000, 53, 16), false);
	buf[14 + 6] = 0x00;
	buf[14 + 7] = 0x10; /* offset 128 bytes: a later fragment (header checksum not rechecked) */
	r = run(x, T_LAN0, PF_OUT, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.rule, 1);
	CU_ASSERT_FALSE(r.created);
	CU_ASSERT_EQUAL(x->f.tab.status.states, 0);
	fx_free(x);
}

/* The fast path's hooks: a classifier instead of pf_eval, per-owner rule counters. */
struct hook_ctx {
	struct pf_acl acl;
	const struct pf_ruleset *rs;
	unsigned calls;
};

static void hook_classify(void *arg, const struct pf_pkt_meta *m, struct pf_eval_result *res)
{
	struct hook_ctx *h = arg;

	h->calls++;
	pf_acl_eval_naive(&h->acl, h->rs, m, res);
}

static void test_classify_hook_own_stats(void)
{
	struct fx *x = fx_new(conf);
	struct pf_rule_stats *own = calloc(x->rs->nrules, sizeof(*own));
	struct hook_ctx h = {.rs = x->rs};
	uint8_t buf[T_FRAME_MAX];
	struct pf_result r;
	size_t n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(own);
	CU_ASSERT_EQUAL_FATAL(pf_acl_expand(x->rs, &h.acl, 10000), 0);
	x->f.classify = hook_classify;
	x->f.classify_ctx = &h;
	pf_statetab_set_stats(&x->f.tab, own);
	n = tcp(buf, SRV, 5555, VIP, 22, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_WAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.rule, 0);
	n = tcp(buf, SRV, 5555, VIP, 80, PF_TH_SYN, 1, 0, 0);
	r = run(x, T_WAN0, PF_IN, buf, n, 10);
	CU_ASSERT_EQUAL(r.rule, 4);
	CU_ASSERT(r.created);
	/* the state's next packet does not ask the classifier */
	n = tcp(buf, VIP, 80, SRV, 5555, PF_TH_SYN | PF_TH_ACK, 900, 2, 0);
	r = run(x, T_WAN0, PF_OUT, buf, n, 10);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	CU_ASSERT_EQUAL(h.calls, 2);
	/* counted in the owner's array, not the ruleset's; pf_eval's evaluations untouched */
	CU_ASSERT_EQUAL(own[0].packets[0], 1);
	CU_ASSERT_EQUAL(own[4].packets[0], 1);
	CU_ASSERT_EQUAL(own[4].packets[1], 1);
	CU_ASSERT_EQUAL(own[4].states_cur, 1);
	CU_ASSERT_EQUAL(x->rs->stats[0].packets[0], 0);
	CU_ASSERT_EQUAL(x->rs->stats[4].states_cur, 0);
	CU_ASSERT_EQUAL(x->rs->stats[0].evaluations, 0);
	pf_acl_free(&h.acl);
	free(own);
	fx_free(x);
}

int pf_test_register_filter(void)
{
	static const struct t_case cases[] = {
	    {"TCP through nat-to the CARP address", test_nat_connection},
	    {"blocked packets, skip, not IP", test_blocked_and_counted},
	    {"malformed packets dropped by reason", test_malformed},
	    {"out-of-window data dropped and counted", test_out_of_window},
	    {"state limit and NAT exhaustion", test_limits_and_exhaustion},
	    {"ICMP echo through NAT", test_icmp_echo_nat},
	    {"ICMP error for a NAT'd datagram", test_icmp_error_nat},
	    {"purge, SYN on a closed state", test_purge_and_reuse},
	    {"later fragments: rules only", test_fragments_no_state},
	    {"classifier hook, per-owner rule counters", test_classify_hook_own_stats},
	    {NULL, NULL},
	};
	return t_suite("filter", cases);
}
