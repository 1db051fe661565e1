/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync's glue into the filter (lib/pf pf_sync.h, lib/fwd
 * fwd_pfsync_conv.c), pure: router A makes the two states of a NAT'd TCP
 * connection; each goes through what the wire carries (export, the 264
 * bytes of pfsync_state encoded and decoded, import) into router B's
 * table; B then passes the server's reply to the NAT address and
 * translates it back to the client, with no rule of its own allowing it
 * (bound to no rule: imported states are). An update takes the peer's
 * windows; removal by the peer does not call the on_remove hook (no echo);
 * A's expiry does (the delete event); a second import is -EEXIST; the NAT
 * mapping imported is refused to a new connection that would reuse it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pf_filter.h"
#include "pf_frames.h"
#include "pf_sync.h"
#include "pf_test.h"
#include "fwd_pfsync_conv.h"

#define LAN   "192.0.2.5"
#define SRV   "198.51.100.7"
#define VIP   "203.0.113.10"
#define SLOTS 64

/* A: the client's path, NAT to carp0. B: blocks everything by its rules. */
static const char *const conf_a = "block all\n"
                                  "pass in on lan0\n"
                                  "pass out on wan0\n"
                                  "match out on wan0 inet from lan0:network nat-to (carp0)\n";
static const char *const conf_b = "block all\n";

struct fx {
	struct pf_ruleset *rs;
	struct pf_filter f;
	struct pf_slot slots[SLOTS];
	struct pf_refent ents[256];
	unsigned int removed;
};

static void on_remove(void *arg, const struct pf_state *st)
{
	(void)st;
	((struct fx *)arg)->removed++;
}

static struct fx *fx_new(const char *text, uint32_t hostid)
{
	struct fx *x = calloc(1, sizeof(*x));

	CU_ASSERT_PTR_NOT_NULL_FATAL(x);
	x->rs = t_parse(text);
	CU_ASSERT_EQUAL_FATAL(pf_filter_init(&x->f, x->slots, SLOTS, x->ents, 256, hostid, 1), 0);
	pf_filter_set_ruleset(&x->f, x->rs, 1);
	x->f.on_remove = on_remove;
	x->f.on_remove_ctx = x;
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

/* A's state as B receives it: exported at a_now, 264 bytes, imported at b_now. */
static void over_the_wire(const struct fx *a, const struct pf_state *st, uint32_t a_now,
                          const struct fx *b, uint32_t b_now, struct pf_state *out)
{
	struct pfsync_state_msg m, back;
	uint8_t wire[PFSYNC_STATE_LEN];

	fwd_pfsync_export(st, a->rs->timeout, a_now, &m);
	pfsync_state_encode(&m, wire);
	pfsync_state_decode(&back, wire);
	fwd_pfsync_import(&back, b->rs->timeout, b_now, out);
}

/* The connection through A; *nport its NAT port. */
static void connect_through_a(struct fx *a, uint16_t *nport)
{
	uint8_t buf[T_FRAME_MAX];
	size_t n;

	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_SYN, 1000, 0, 0);
	CU_ASSERT_EQUAL(run(a, T_LAN0, PF_IN, buf, n, 100).action, PF_PASS);
	CU_ASSERT_EQUAL(run(a, T_WAN0, PF_OUT, buf, n, 100).action, PF_PASS);
	*nport = t_sport(buf);
	n = tcp(buf, SRV, 80, VIP, *nport, PF_TH_SYN | PF_TH_ACK, 5000, 1001, 0);
	CU_ASSERT_EQUAL(run(a, T_WAN0, PF_IN, buf, n, 101).action, PF_PASS);
	CU_ASSERT_EQUAL(run(a, T_LAN0, PF_OUT, buf, n, 101).action, PF_PASS);
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_ACK, 1001, 5001, 100);
	CU_ASSERT_EQUAL(run(a, T_LAN0, PF_IN, buf, n, 102).action, PF_PASS);
	CU_ASSERT_EQUAL(run(a, T_WAN0, PF_OUT, buf, n, 102).action, PF_PASS);
	CU_ASSERT_EQUAL(a->f.tab.status.states, 2);
}

static void test_import_and_take_over(void)
{
	struct fx *a = fx_new(conf_a, 0xa), *b = fx_new(conf_b, 0xb);
	uint8_t buf[T_FRAME_MAX];
	struct pf_state imp;
	struct pf_result r;
	uint16_t nport;
	size_t n;

	connect_through_a(a, &nport);
	/* B's clock is 5000 s behind A's: ages and expiry travel as relative times */
	for (uint32_t s = 0; s < SLOTS; s++)
		if (a->slots[s].in_use) {
			const struct pf_state *st = &a->slots[s].st;

			over_the_wire(a, st, 110, b, 5110, &imp);
			CU_ASSERT_EQUAL(imp.id, st->id);
			CU_ASSERT_EQUAL(imp.creatorid, 0xa);
			CU_ASSERT_EQUAL(memcmp(imp.key, st->key, sizeof(imp.key)), 0);
			CU_ASSERT_EQUAL(imp.src.seqlo, st->src.seqlo);
			CU_ASSERT_EQUAL(imp.dst.seqhi, st->dst.seqhi);
			CU_ASSERT_EQUAL(imp.src.max_win, st->src.max_win);
			CU_ASSERT_EQUAL(imp.timeout, PFTM_TCP_ESTABLISHED);
			CU_ASSERT_EQUAL(imp.creation, 5110 - 10); /* 10 s old */
			CU_ASSERT_EQUAL(imp.expire, 5110 - 8);    /* last packet 8 s ago */
			CU_ASSERT_EQUAL(imp.packets[0], st->packets[0]);
			CU_ASSERT_EQUAL(pf_filter_import(&b->f, &imp), 0);
			CU_ASSERT_EQUAL(pf_filter_import(&b->f, &imp), -EEXIST);
		}
	CU_ASSERT_EQUAL(b->f.tab.status.states, 2);
	/* B's rules block everything: the reply passes by the imported state, translated back */
	n = tcp(buf, SRV, 80, VIP, nport, PF_TH_ACK, 5001, 1101, 50);
	r = run(b, T_WAN0, PF_IN, buf, n, 5111);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(r.via, PF_VIA_STATE);
	CU_ASSERT_EQUAL(r.rule, -1); /* bound to no local rule */
	CU_ASSERT_TRUE(r.translated);
	CU_ASSERT_EQUAL(t_dport(buf), 40000);
	CU_ASSERT_EQUAL(run(b, T_LAN0, PF_OUT, buf, n, 5111).action, PF_PASS);
	/* the client's next segment, both hops, NAT'd to the same port */
	n = tcp(buf, LAN, 40000, SRV, 80, PF_TH_ACK, 1101, 5051, 10);
	CU_ASSERT_EQUAL(run(b, T_LAN0, PF_IN, buf, n, 5112).action, PF_PASS);
	r = run(b, T_WAN0, PF_OUT, buf, n, 5112);
	CU_ASSERT_EQUAL(r.action, PF_PASS);
	CU_ASSERT_EQUAL(t_sport(buf), nport);
	CU_ASSERT_EQUAL(b->removed, 0);
	fx_free(a);
	fx_free(b);
}

static void test_update_and_remove(void)
{
	struct fx *a = fx_new(conf_a, 0xa), *b = fx_new(conf_b, 0xb);
	struct pf_state imp;
	uint32_t slot = PF_SLOT_NONE;
	uint16_t nport;

	connect_through_a(a, &nport);
	for (uint32_t s = 0; s < SLOTS && slot == PF_SLOT_NONE; s++)
		if (a->slots[s].in_use)
			slot = s;
	over_the_wire(a, &a->slots[slot].st, 110, b, 110, &imp);
	CU_ASSERT_EQUAL_FATAL(pf_filter_import(&b->f, &imp), 0);
	/* an update: the peer's windows moved on */
	imp.src.seqlo += 5000;
	imp.dst.seqhi += 7000;
	imp.expire = 120;
	CU_ASSERT_TRUE(pf_filter_peer_update(&b->f, &imp));
	slot = pf_filter_find(&b->f, &imp.key[PF_SK_WIRE], PF_IN);
	CU_ASSERT_EQUAL_FATAL(slot == PF_SLOT_NONE, false);
	CU_ASSERT_EQUAL(pf_statetab_state(&b->f.tab, slot)->src.seqlo, imp.src.seqlo);
	CU_ASSERT_EQUAL(pf_statetab_state(&b->f.tab, slot)->dst.seqhi, imp.dst.seqhi);
	CU_ASSERT_EQUAL(pf_statetab_state(&b->f.tab, slot)->expire, 120);
	/* removed by the peer: gone, no delete event of ours */
	CU_ASSERT_TRUE(pf_filter_peer_remove(&b->f, &imp.key[PF_SK_WIRE]));
	CU_ASSERT_FALSE(pf_filter_peer_remove(&b->f, &imp.key[PF_SK_WIRE]));
	CU_ASSERT_FALSE(pf_filter_peer_update(&b->f, &imp));
	CU_ASSERT_EQUAL(b->f.tab.status.states, 0);
	CU_ASSERT_EQUAL(b->removed, 0);
	/* A's states expire: one delete event each */
	CU_ASSERT_EQUAL(pf_filter_purge(&a->f, 100 + 10 * 86400, 100), 2);
	CU_ASSERT_EQUAL(a->removed, 2);
	fx_free(a);
	fx_free(b);
}

/* An imported NAT mapping is never handed out again: with one NAT port,
 * the imported connection holds it, so B's own next connection to the same
 * server is refused ("translate") instead of sharing the reply key. */
static void test_nat_mapping_reserved(void)
{
	static const char *const one_port =
	    "block all\n"
	    "pass in on lan0\n"
	    "pass out on wan0\n"
	    "match out on wan0 inet from lan0:network nat-to (carp0) "
	    "port 50001\n";
	struct fx *a = fx_new(one_port, 0xa), *b = fx_new(one_port, 0xb);
	struct pf_result r;
	uint8_t buf[T_FRAME_MAX];
	struct pf_state imp;
	uint16_t nport;
	size_t n;

	connect_through_a(a, &nport);
	CU_ASSERT_EQUAL(nport, 50001);
	for (uint32_t s = 0; s < SLOTS; s++)
		if (a->slots[s].in_use) {
			over_the_wire(a, &a->slots[s].st, 110, b, 110, &imp);
			CU_ASSERT_EQUAL(pf_filter_import(&b->f, &imp), 0);
		}
	n = tcp(buf, LAN, 41000, SRV, 80, PF_TH_SYN, 1, 0, 0);
	CU_ASSERT_EQUAL(run(b, T_LAN0, PF_IN, buf, n, 111).action, PF_PASS);
	r = run(b, T_WAN0, PF_OUT, buf, n, 111);
	CU_ASSERT_EQUAL(r.action, PF_DROP);
	CU_ASSERT_EQUAL(r.reason, PF_REASON_TRANSLATE);
	fx_free(a);
	fx_free(b);
}

int pf_test_register_sync(void)
{
	static const struct t_case cases[] = {
	    {"A's NAT'd states through the wire format into B, B forwards",
	     test_import_and_take_over},
	    {"peer update and removal, delete events on expiry", test_update_and_remove},
	    {"an imported NAT mapping is not handed out again", test_nat_mapping_reserved},
	    {NULL, NULL},
	};
	return t_suite("sync", cases);
}
