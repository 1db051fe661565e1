/* SPDX-License-Identifier: BSD-2-Clause */
/* carpnodes and balancing modes; the state machine's frames vs the vectors. */
#include <errno.h>
#include <string.h>

#include "carp_test.h"
#include "sim.h"
#include "vectors.h"

static struct sim S;

static uint64_t xs(uint64_t *x)
{
	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dULL;
}

/* host h: nodes vhid 1..n with advskew 0 on node (h % n)+1, else
 * 100 * distance, so each host masters a different node. */
static void nodes_cfg(struct carp_if_config *c, int h, unsigned n)
{
	unsigned i;

	sim_cfg(c, h, 0, 1, 0);
	c->n_nodes = n;
	for (i = 0; i < n; i++) {
		/* listed in reverse to check the sort */
		c->nodes[n - 1 - i].vhid = (uint8_t)(i + 1);
		c->nodes[n - 1 - i].advskew = (uint8_t)(100 * ((i + n - (unsigned)h % n) % n));
	}
}

/*
 * 10,000 seeded random flows (source and destination addresses, the
 * client's MAC) through the rules the workers run (carp_bal_*, on the word
 * each host published): the client ARPs for the virtual address and
 * exactly one host answers; it sends to the MAC in that answer; exactly one
 * host accepts the frame (carp_bal_mac_accept) and forwards the flow
 * (carp_bal_flow_master). share[h]: flows host h owns.
 */
static void flow_shares(unsigned nhosts, unsigned share[SIM_HOSTS], bool v6)
{
	uint64_t seed = 12345;
	uint8_t src[16], dst[16], sha[6], mac[6], m[6];
	unsigned f, h, owners, answers;

	memset(share, 0, SIM_HOSTS * sizeof(share[0]));
	for (f = 0; f < 10000; f++) {
		uint64_t r1 = xs(&seed), r2 = xs(&seed);
		uint32_t fold;

		memcpy(src, &r1, 8);
		memcpy(src + 8, &r2, 8);
		r1 = xs(&seed);
		r2 = xs(&seed);
		memcpy(dst, &r1, 8);
		memcpy(dst + 8, &r2, 8);
		r1 = xs(&seed);
		memcpy(sha, &r1, 6);
		sha[0] &= 0xfe; /* a unicast client MAC */
		fold = v6 ? carp_fold_ip6(src, dst) : carp_fold_ip4(src, dst);
		answers = 0;
		for (h = 0; h < nhosts; h++) {
			const struct carp_balance *b = carp_if_balance(&S.host[h].ifs[0]);

			if (carp_bal_arp_answer(&b->cfg, carp_balance_read(b), sha, m)) {
				answers++;
				memcpy(mac, m, 6);
			}
		}
		CU_ASSERT_EQUAL(answers, 1);
		owners = 0;
		for (h = 0; answers == 1 && h < nhosts; h++) {
			const struct carp_balance *b = carp_if_balance(&S.host[h].ifs[0]);
			uint64_t w = carp_balance_read(b);

			if (carp_bal_mac_accept(&b->cfg, w, mac) &&
			    carp_bal_flow_master(&b->cfg, w, fold)) {
				owners++;
				share[h]++;
			}
		}
		CU_ASSERT_EQUAL(owners, 1);
	}
}

/* n hosts, n nodes, each host masters one node: in every balancing mode
 * every flow has exactly one owner, before and after a host dies. */
static void test_one_owner_every_mode(void)
{
	static const enum carp_balancing modes[] = {CARP_BAL_NONE, CARP_BAL_ARP, CARP_BAL_IP,
	                                            CARP_BAL_IP_STEALTH, CARP_BAL_IP_UNICAST};
	struct carp_if_config c;
	unsigned share[SIM_HOSTS], n, i, h;

	for (n = 2; n <= 3; n++)
		for (i = 0; i < sizeof(modes) / sizeof(modes[0]); i++) {
			sim_init(&S, (int)n, false, false);
			for (h = 0; h < n; h++) {
				nodes_cfg(&c, (int)h, n);
				c.balancing_set = true;
				c.balancing = modes[i];
				sim_add_if(&S, (int)h, &c);
			}
			sim_run_until(&S, SEC(10));
			flow_shares(n, share, false);
			flow_shares(n, share, true);
			/* none: the leader's master takes all; else every host some */
			for (h = 0; h < n; h++)
				CU_ASSERT(modes[i] == CARP_BAL_NONE
				              ? share[h] == (h == 0 ? 10000u : 0u)
				              : share[h] > 10000 / n / 2);
			/* the last host dies: the others take its nodes over */
			S.host[n - 1].dead = true;
			sim_run_until(&S, SEC(20));
			carp_balance_publish(&S.host[n - 1].ifs[0].bal, 0,
			                     false); /* answers nothing */
			flow_shares(n, share, false);
			CU_ASSERT_EQUAL(share[n - 1], 0);
		}
}

static void test_two_hosts_ip(void)
{
	struct carp_if_config c;
	unsigned share[SIM_HOSTS];
	int h;

	sim_init(&S, 2, false, false);
	for (h = 0; h < 2; h++) {
		nodes_cfg(&c, h, 2);
		sim_add_if(&S, h, &c);
	}
	CU_ASSERT_EQUAL(S.host[0].ifs[0].mode, CARP_BAL_IP); /* default */
	CU_ASSERT_EQUAL(S.host[0].ifs[0].vh[0].vhid, 1);     /* sorted */
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 2), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 2), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(carp_balance_read(carp_if_balance(&S.host[0].ifs[0])),
	                carp_bal_word(1, true));
	CU_ASSERT_EQUAL(carp_balance_read(carp_if_balance(&S.host[1].ifs[0])),
	                carp_bal_word(2, true));
	flow_shares(2, share, false);
	CU_ASSERT(share[0] > 4700 && share[0] < 5300);
	flow_shares(2, share, true);
	CU_ASSERT(share[0] > 4700 && share[0] < 5300);
	/* no gratuitous ARP in balancing modes */
	CU_ASSERT_EQUAL(sim_count(&S, -1, 0, CARP_ACT_GARP, 0, SEC(10)), 0);
	/* host 1 dies: host 0 takes node 2 and every flow */
	S.host[1].dead = true;
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(carp_balance_read(carp_if_balance(&S.host[0].ifs[0])),
	                carp_bal_word(3, true));
	carp_balance_publish(&S.host[1].ifs[0].bal, 0, false); /* a dead host answers nothing */
	flow_shares(2, share, false);
	CU_ASSERT_EQUAL(share[0], 10000);
}

static void test_three_hosts_ip(void)
{
	struct carp_if_config c;
	unsigned share[SIM_HOSTS], h, v, masters;

	sim_init(&S, 3, false, false);
	for (h = 0; h < 3; h++) {
		nodes_cfg(&c, (int)h, 3);
		sim_add_if(&S, (int)h, &c);
	}
	sim_run_until(&S, SEC(10));
	for (v = 1; v <= 3; v++) { /* every node has exactly one master */
		masters = 0;
		for (h = 0; h < 3; h++)
			masters += sim_state(&S, (int)h, 0, (uint8_t)v) == CARP_STATE_MASTER;
		CU_ASSERT_EQUAL(masters, 1);
	}
	flow_shares(3, share, false);
	for (h = 0; h < 3; h++) /* 1/3 each, within 3 % */
		CU_ASSERT(share[h] > 3033 && share[h] < 3633);
	/* host 2 dies at 10.5 s: its node goes to the next-best host */
	sim_run_until(&S, MS(10500));
	S.host[2].dead = true;
	sim_run_until(&S, SEC(20));
	carp_balance_publish(&S.host[2].ifs[0].bal, 0, false);
	for (v = 1; v <= 3; v++) {
		masters = 0;
		for (h = 0; h < 2; h++)
			masters += sim_state(&S, (int)h, 0, (uint8_t)v) == CARP_STATE_MASTER;
		CU_ASSERT_EQUAL(masters, 1);
	}
	flow_shares(3, share, false);
	CU_ASSERT_EQUAL(share[0] + share[1], 10000);
	/* host 2 mastered vhid 3; advskew 100 there is host 1 */
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 3), CARP_STATE_MASTER);
	CU_ASSERT(share[1] > 6367 && share[1] < 6967);
}

static const struct sim_log *first(int h, enum carp_action_type t, uint8_t vhid)
{
	const struct sim_log *l = sim_find(&S, h, vhid, t, 0);

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	return l;
}

/* Virtual MAC and advertisement source MAC per mode (spec 7.2, 12). */
static void test_macs_per_mode(void)
{
	static const struct {
		enum carp_balancing mode;
		uint8_t vmac0[6];
		bool mc;
		unsigned nvmacs;
		bool src_parent;
	} m[] = {
	    {CARP_BAL_IP, {0x01, 0, 0x5e, 0, 1, 1}, true, 1, true},
	    {CARP_BAL_IP_STEALTH, {0, 0, 0x5e, 0, 1, 1}, false, 1, true},
	    {CARP_BAL_IP_UNICAST, {0, 0, 0x5e, 0, 1, 1}, false, 1, false},
	    {CARP_BAL_ARP, {0, 0, 0x5e, 0, 1, 1}, false, 2, false},
	    {CARP_BAL_NONE, {0, 0, 0x5e, 0, 1, 1}, false, 1, false},
	};
	struct carp_if_config c;
	struct carp_pkt p;
	const struct sim_log *l;
	unsigned i;

	for (i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		sim_init(&S, 1, false, false);
		nodes_cfg(&c, 0, 2);
		c.balancing_set = true;
		c.balancing = m[i].mode;
		sim_add_if(&S, 0, &c);
		CU_ASSERT_EQUAL(sim_count(&S, 0, 0, CARP_ACT_VMAC_ADD, 0, 0), m[i].nvmacs);
		l = first(0, CARP_ACT_VMAC_ADD, 0);
		CU_ASSERT_EQUAL(memcmp(l->a.u.vmac.mac, m[i].vmac0, 6), 0);
		CU_ASSERT_EQUAL(l->a.u.vmac.multicast, m[i].mc);
		if (m[i].mode == CARP_BAL_ARP) {
			l = sim_find(&S, 0, 0, CARP_ACT_VMAC_ADD, 1);
			CU_ASSERT_EQUAL(memcmp(l->a.u.vmac.mac, "\x00\x00\x5e\x00\x01\x02", 6), 0);
		}
		sim_run_until(&S, SEC(10));
		l = first(0, CARP_ACT_SEND_ADV, 1);
		carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
		CU_ASSERT_EQUAL(memcmp(p.eth_src, m[i].src_parent ? c.parent_mac : m[i].vmac0, 6),
		                0);
		l = first(0, CARP_ACT_SEND_ADV, 2);
		carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
		CU_ASSERT_EQUAL(memcmp(p.eth_src,
		                       m[i].src_parent
		                           ? c.parent_mac
		                           : (const uint8_t *)"\x00\x00\x5e\x00\x01\x02",
		                       6),
		                0);
		/* GARP only without balancing, only for the leader */
		CU_ASSERT_EQUAL(sim_count(&S, 0, 0, CARP_ACT_GARP, 0, SEC(10)),
		                m[i].mode == CARP_BAL_NONE ? 2u : 0u);
		/* admin down removes what was added */
		{
			struct carp_actions *a = sim_actions(&S);

			carp_if_admin(&S.host[0].ifs[0], S.now, CARP_ADMIN_DOWN, 0, 0, a);
			sim_process(&S, 0, a);
			CU_ASSERT_EQUAL(sim_count(&S, 0, 0, CARP_ACT_VMAC_DEL, S.now, S.now),
			                m[i].nvmacs);
		}
	}
}

/* Custom lladdr: hashed, so both sides must configure it. */
static void test_custom_lladdr(void)
{
	struct carp_if_config c;
	const uint8_t ll[6] = {0x02, 0xaa, 0, 0, 0, 1};
	int h;

	sim_init(&S, 2, false, false);
	for (h = 0; h < 2; h++) {
		sim_cfg(&c, h, 0, 1, (uint8_t)(h * 100));
		c.lladdr_set = true;
		memcpy(c.lladdr, ll, 6);
		sim_add_if(&S, h, &c);
	}
	CU_ASSERT_TRUE(S.host[0].ifs[0].lladdr_hashed);
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(S.host[1].h.stats.c[CARP_STAT_BADAUTH], 0);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(memcmp(first(0, CARP_ACT_GARP, 1)->a.u.garp.mac, ll, 6), 0);

	sim_init(&S, 2, false, false);
	sim_cfg(&c, 0, 0, 1, 0);
	c.lladdr_set = true;
	memcpy(c.lladdr, ll, 6);
	sim_add_if(&S, 0, &c);
	sim_cfg(&c, 1, 0, 1, 100);
	sim_add_if(&S, 1, &c);
	sim_run_until(&S, SEC(10));
	CU_ASSERT(S.host[1].h.stats.c[CARP_STAT_BADAUTH] > 0);
	/* lladdr equal to the parent MAC is not hashed */
	sim_cfg(&c, 0, 0, 1, 0);
	c.lladdr_set = true;
	memcpy(c.lladdr, c.parent_mac, 6);
	{
		struct carp_if ifc;

		CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, NULL, 0), 0);
		CU_ASSERT_FALSE(ifc.lladdr_hashed);
		carp_if_fini(&ifc);
	}
}

/* Scripted random source: the first draw is the vhid's counter, every
 * later one the IP id, so frames can be compared with the vectors. */
struct script {
	uint64_t counter;
	unsigned calls;
};

static uint64_t scripted(void *arg)
{
	struct script *s = arg;

	return s->calls++ == 0 ? s->counter : 0x1234;
}

static void vec_cfg(const struct t_vec *v, struct carp_if_config *c)
{
	unsigned i;

	memset(c, 0, sizeof(*c));
	strcpy(c->name, "carp0");
	c->advbase = v->advbase;
	c->n_nodes = 1;
	c->nodes[0].vhid = v->vhid;
	c->nodes[0].advskew = v->advbase == 255 ? 0 : v->advskew;
	carp_key_from_passphrase(&c->key, v->pass);
	if (c->advbase == 255)
		c->advbase = 1;
	for (i = 0; i < 3 && v->addrs4[i]; i++)
		t_ip4(v->addrs4[i], c->addrs.v4[c->addrs.n4++]);
	for (i = 0; i < 4 && v->addrs6[i]; i++)
		t_ip6(v->addrs6[i], c->addrs.v6[c->addrs.n6++]);
	if (v->family == 4)
		t_ip4(v->src_ip, c->src4);
	else
		t_ip6(v->src_ip, c->src6);
	c->parent_mac[0] = 0x02;
	c->parent_mac[5] = 0x99;
	if (v->family == 4 && strncmp(v->dst_ip, "224.", 4) != 0) {
		c->peer4_set = true;
		t_ip4(v->dst_ip, c->peer4);
		c->peer_mac_set = true;
		t_hex(v->dst_mac, c->peer_mac, 6);
	}
}

/* The state machine's own takeover advert is the OpenBSD vector frame. */
static void test_frames_equal_vectors(void)
{
	uint8_t want[CARP_FRAME_MAX];
	struct carp_if_config c;
	const struct sim_log *l;
	struct carp_host h;
	struct carp_if ifc;
	struct script sc;
	unsigned i, n;
	int len;

	for (i = 0; i < t_nvecs; i++) {
		const struct t_vec *v = &t_vecs[i];
		struct carp_host_config hc = {.random = scripted, .random_arg = &sc};
		struct carp_actions *a = sim_actions(&S);

		sc.counter = v->counter;
		sc.calls = 0;
		S.nlog = 0;
		vec_cfg(v, &c);
		CU_ASSERT_EQUAL_FATAL(carp_host_init(&h, &hc), 0);
		CU_ASSERT_EQUAL_FATAL(carp_if_init(&ifc, &c, NULL, 0), 0);
		CU_ASSERT_EQUAL_FATAL(carp_host_attach(&h, &ifc, 0, a), 0);
		a = sim_actions(&S);
		carp_if_admin(&ifc, 1, CARP_ADMIN_FORCE_MASTER, 0, 0, a);
		if (v->advbase == 255) /* V5: the bow-out of admin down */
			carp_if_admin(&ifc, 2, CARP_ADMIN_DOWN, 0, 0, a);
		len = t_hex(v->frame, want, sizeof(want));
		for (n = 0, l = NULL; n < a->n; n++)
			if (a->a[n].type == CARP_ACT_SEND_ADV &&
			    a->a[n].u.adv.bow_out == (v->advbase == 255))
				break;
		CU_ASSERT_FATAL(n < a->n);
		CU_ASSERT_EQUAL(a->a[n].u.adv.frame_len, len);
		CU_ASSERT_EQUAL(memcmp(a->a[n].u.adv.frame, want, (size_t)len), 0);
		CU_ASSERT_EQUAL(a->a[n].u.adv.unicast,
		                v->family == 4 && strncmp(v->dst_ip, "224.", 4) != 0);
		if (v->family == 6) {
			unsigned na = 0, k;

			for (k = 0; k < a->n; k++)
				na += a->a[k].type == CARP_ACT_NA;
			CU_ASSERT_EQUAL(na, 3);
			CU_ASSERT_EQUAL(h.stats.c[CARP_STAT_OPACKETS6], 1);
		}
		carp_if_fini(&ifc);
		(void)l;
	}
}

/* Both families configured: one advert per family each interval. */
static void test_dual_stack(void)
{
	struct carp_if_config c;
	const struct sim_log *l;
	struct carp_pkt p;

	sim_init(&S, 1, false, false);
	sim_cfg(&c, 0, 0, 5, 0);
	c.addrs.n6 = 1;
	t_ip6("2001:db8::5", c.addrs.v6[0]);
	sim_add_if(&S, 0, &c);
	sim_run_until(&S, SEC(3));
	CU_ASSERT_EQUAL(sim_count(&S, 0, 5, CARP_ACT_SEND_ADV, SEC(3), SEC(3)), 2);
	l = sim_find(&S, 0, 5, CARP_ACT_SEND_ADV, 1);
	CU_ASSERT_EQUAL(carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p),
	                CARP_PARSE_OK);
	CU_ASSERT_EQUAL(p.family, CARP_AF_INET6);
	CU_ASSERT_EQUAL(memcmp(p.dst.a, carp_group6, 16), 0);
	CU_ASSERT_EQUAL(memcmp(p.eth_dst, carp_group6_mac, 6), 0);
	CU_ASSERT_EQUAL(sim_count(&S, 0, 5, CARP_ACT_NA, SEC(3), SEC(3)), 1);
	CU_ASSERT_EQUAL(p.src.a[15], 1); /* fe80::1 configured */
	/* no source configured: the first virtual address is used */
	memset(S.host[0].ifs[0].cfg.src4, 0, 4);
	memset(S.host[0].ifs[0].cfg.src6, 0, 16);
	sim_run_until(&S, SEC(4));
	l = sim_find(&S, 0, 5, CARP_ACT_SEND_ADV, 2);
	carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
	CU_ASSERT_EQUAL(memcmp(p.src.a, "\xc0\x00\x02\x69", 4), 0);
	l = sim_find(&S, 0, 5, CARP_ACT_SEND_ADV, 3);
	carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
	CU_ASSERT_EQUAL(memcmp(p.src.a, c.addrs.v6[0], 16), 0);
	CU_ASSERT_EQUAL(sim_count(&S, 0, 5, CARP_ACT_GARP, SEC(3), SEC(3)), 1);
}

/* Two dual-stack hosts with an IPv6 link-local on the carp interface:
 * both families authenticate, each family has its own master-down. */
static void test_dual_stack_pair(void)
{
	struct carp_if_config c;
	int h;

	sim_init(&S, 2, false, false);
	for (h = 0; h < 2; h++) {
		sim_cfg(&c, h, 0, 5, (uint8_t)(h * 100));
		c.addrs.n6 = 2;
		t_ip6("2001:db8::5", c.addrs.v6[0]);
		t_ip6("fe80::200:5eff:fe00:105", c.addrs.v6[1]);
		sim_add_if(&S, h, &c);
	}
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 5), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 5), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(S.host[1].h.stats.c[CARP_STAT_IPACKETS], 8);
	CU_ASSERT_EQUAL(S.host[1].h.stats.c[CARP_STAT_IPACKETS6], 8);
	CU_ASSERT_EQUAL(S.host[1].h.stats.c[CARP_STAT_BADAUTH], 0);
	/* IPv4 adverts lost (say, filtered): the IPv4 master-down fires
	 * even though IPv6 adverts still arrive (OpenBSD per-family timers) */
	S.host[0].ifs[0].cfg.addrs.n4 = 0; /* host 0 stops IPv4 adverts */
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_when(&S, 1, 5, CARP_STATE_MASTER, 0), SEC(10) + 3u * 1390625u);
}

/* carppeer: unicast adverts to each other's address, peer MAC given or
 * left for the app to resolve. */
static void test_unicast_peers(void)
{
	struct carp_if_config c;
	const struct sim_log *l;
	struct carp_pkt p;
	int h;

	sim_init(&S, 2, false, false);
	for (h = 0; h < 2; h++) {
		sim_cfg(&c, h, 0, 9, (uint8_t)(h * 100));
		c.peer4_set = true;
		t_ip4(h == 0 ? "192.0.2.2" : "192.0.2.1", c.peer4);
		c.peer_mac_set = h == 0;
		c.peer_mac[0] = 0x02;
		c.peer_mac[5] = (uint8_t)(2 - h);
		sim_add_if(&S, h, &c);
	}
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 9), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 9), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(S.host[1].h.stats.c[CARP_STAT_BADVHID], 0);
	l = sim_find(&S, 0, 9, CARP_ACT_SEND_ADV, 0);
	CU_ASSERT_TRUE(l->a.u.adv.unicast);
	CU_ASSERT_FALSE(l->a.u.adv.need_dst_mac);
	carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
	CU_ASSERT_FALSE(p.dst_multicast);
	CU_ASSERT_EQUAL(p.dst.a[3], 2);
	CU_ASSERT_EQUAL(p.ttl, 255);
	CU_ASSERT_EQUAL(memcmp(p.eth_dst, "\x02\x00\x00\x00\x00\x02", 6), 0);
	/* source MAC is the virtual MAC for unicast too (spec 12) */
	CU_ASSERT_EQUAL(memcmp(p.eth_src, "\x00\x00\x5e\x00\x01\x09", 6), 0);
	/* host 1 has no peer MAC: the app must resolve it */
	S.host[0].dead = true;
	sim_run_until(&S, SEC(20));
	l = sim_find(&S, 1, 9, CARP_ACT_SEND_ADV, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_TRUE(l->a.u.adv.need_dst_mac);
}

static void test_garp_frame(void)
{
	uint8_t f[64], mac[6] = {0, 0, 0x5e, 0, 1, 7}, ip[4];
	uint8_t want[42];

	t_ip4("192.0.2.10", ip);
	CU_ASSERT_EQUAL(carp_garp_build(mac, ip, f, 41), -ENOSPC);
	CU_ASSERT_EQUAL(carp_garp_build(mac, ip, f, sizeof(f)), 42);
	t_hex("ffffffffffff 00005e000107 0806 0001 0800 06 04 0001"
	      "00005e000107 c000020a 000000000000 c000020a",
	      want, sizeof(want));
	CU_ASSERT_EQUAL(memcmp(f, want, 42), 0);
}

int carp_test_register_nodes(void)
{
	static const struct t_case cases[] = {
	    {"2 hosts ip balancing: masters and flow shares", test_two_hosts_ip},
	    {"3 hosts ip balancing: masters and flow shares", test_three_hosts_ip},
	    {"exactly one owner per flow, every mode, 2 and 3 hosts", test_one_owner_every_mode},
	    {"virtual and source MACs per mode", test_macs_per_mode},
	    {"custom lladdr hashed", test_custom_lladdr},
	    {"state machine frames equal the vectors", test_frames_equal_vectors},
	    {"dual stack adverts and NA", test_dual_stack},
	    {"dual stack pair, per-family master-down", test_dual_stack_pair},
	    {"gratuitous ARP frame", test_garp_frame},
	    {"unicast carppeer pair", test_unicast_peers},
	    {NULL, NULL},
	};
	return t_suite("carp_nodes", cases);
}
