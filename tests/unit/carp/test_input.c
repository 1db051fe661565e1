/* SPDX-License-Identifier: BSD-2-Clause */
/* Input validation in OpenBSD order: every drop has its counter. */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

#include "carp_host.h"
#include "carp_test.h"
#include "sim.h"

static struct sim S;

/* Host 0 with carp0 (vhid 1) on carpdev 0; host 1 the same config. Host 1
 * becomes MASTER (skew 0) and its first advert is returned in f. */
static unsigned setup(uint8_t *f)
{
	struct carp_if_config c;
	const struct sim_log *l;

	sim_init(&S, 2, false, false);
	sim_cfg(&c, 0, 0, 1, 100);
	sim_add_if(&S, 0, &c);
	sim_cfg(&c, 1, 0, 1, 0);
	sim_add_if(&S, 1, &c);
	sim_run_until(&S, SEC(5));
	l = sim_find(&S, 1, 1, CARP_ACT_SEND_ADV, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memcpy(f, l->a.u.adv.frame, l->a.u.adv.frame_len);
	return l->a.u.adv.frame_len;
}

static uint64_t st(enum carp_stat s)
{
	return S.host[0].h.stats.c[s];
}

static void refix(uint8_t *f)
{
	uint16_t s;

	f[14 + 10] = f[14 + 11] = 0;
	s = carp_cksum(f + 14, 20);
	f[24] = (uint8_t)(s >> 8);
	f[25] = (uint8_t)s;
	f[34 + 6] = f[34 + 7] = 0;
	s = carp_cksum(f + 34, 36);
	f[40] = (uint8_t)(s >> 8);
	f[41] = (uint8_t)s;
}

static void test_each_reason(void)
{
	uint8_t f[CARP_FRAME_MAX], g[CARP_FRAME_MAX];
	unsigned len = setup(f);
	uint64_t ip0 = st(CARP_STAT_IPACKETS);

	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, f, len), 0);
	CU_ASSERT_EQUAL(st(CARP_STAT_IPACKETS), ip0 + 1);

	CU_ASSERT_EQUAL(sim_inject(&S, 0, 7, f, len), CARP_STAT_BADIF);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADIF), 1);

	memcpy(g, f, len);
	g[14 + 8] = 64;
	refix(g);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADTTL);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, f, 30), CARP_STAT_HDROPS);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, f, len - 1), CARP_STAT_BADLEN);
	memcpy(g, f, len);
	g[len - 1] ^= 1;
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADSUM);
	/* version 3 with a bad VRRP checksum: CARP says bad version... */
	memcpy(g, f, len);
	g[34] = 0x11;
	refix(g);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADVER);
	/* ...but only once the vhid is known (OpenBSD order) */
	g[35] = 99;
	refix(g);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADVHID);
	memcpy(g, f, len);
	g[35] = 42;
	refix(g);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADVHID);
	/* a changed field the checksum covers but the HMAC rejects */
	memcpy(g, f, len);
	g[34 + 16] ^= 0x40;
	refix(g);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADAUTH);
	memcpy(g, f, len);
	g[34 + 9] ^= 0x01;
	refix(g); /* counter */
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADAUTH);
	/* unicast destination: only carp interfaces with a carppeer match */
	memcpy(g, f, len);
	t_ip4("192.0.2.77", g + 14 + 16);
	refix(g);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, g, len), CARP_STAT_BADVHID);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADTTL), 1);
	CU_ASSERT_EQUAL(st(CARP_STAT_HDROPS), 1);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADLEN), 1);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADSUM), 1);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADVER), 1);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADVHID), 3);
	CU_ASSERT_EQUAL(st(CARP_STAT_BADAUTH), 2);
	CU_ASSERT_EQUAL(S.host[0].ifs[0].stats.c[CARP_STAT_BADAUTH], 2);

	/* allow 0: counted as disabled, nothing else looked at */
	carp_host_set_allow(&S.host[0].h, false);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 7, f, len), CARP_STAT_DISABLED);
	CU_ASSERT_EQUAL(st(CARP_STAT_DISABLED), 1);
	carp_host_set_allow(&S.host[0].h, true);
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_BACKUP);
}

static uint32_t view_seq(const struct carp_if *ifc)
{
	return atomic_load(&((struct carp_if *)ifc)->view.seq);
}

/*
 * A flood of rejected adverts costs counters only (issue 8 item 2): per
 * reason, N frames append no action, publish no view of any interface,
 * leave every balance word and state alone, and count exactly N. The
 * matched interface's counters reach its view at the next
 * carp_host_publish_views (once per control-loop pass), the others' views
 * stay untouched.
 */
static void test_drops_publish_nothing(void)
{
	enum { N = 1000, NV = 9 };
	uint8_t f[CARP_FRAME_MAX], v[NV][CARP_FRAME_MAX];
	unsigned len = setup(f), vlen[NV], i, k, n_if;
	static const enum carp_stat want[NV] = {
	    CARP_STAT_BADAUTH, CARP_STAT_BADVHID, CARP_STAT_BADVER,
	    CARP_STAT_BADTTL,  CARP_STAT_BADSUM,  CARP_STAT_BADLEN,
	    CARP_STAT_HDROPS,  CARP_STAT_BADIF,   CARP_STAT_LOOP};
	const uint16_t dev[NV] = {0, 0, 0, 0, 0, 0, 0, 7, 0};
	struct carp_if_config c;
	struct carp_adv adv;
	uint32_t seq[3];
	uint64_t word[3];
	struct carp_host *h = &S.host[0].h;
	struct carp_if_view view;

	/* two more carp interfaces on host 0: same carpdev, another carpdev */
	sim_cfg(&c, 0, 0, 2, 100);
	snprintf(c.name, sizeof(c.name), "carp1");
	sim_add_if(&S, 0, &c);
	sim_cfg(&c, 0, 1, 3, 100);
	snprintf(c.name, sizeof(c.name), "carp2");
	sim_add_if(&S, 0, &c);
	n_if = S.host[0].n_ifs;
	CU_ASSERT_EQUAL_FATAL(n_if, 3);
	for (k = 0; k < NV; k++) {
		memcpy(v[k], f, len);
		vlen[k] = len;
	}
	/* better priority (advskew 0, demote 0) from a garbage source, bad HMAC */
	t_ip4("203.0.113.66", v[0] + 14 + 12);
	v[0][34 + 2] = 0;
	v[0][34 + 4] = 0;
	v[0][34 + 16] ^= 0xff;
	refix(v[0]);
	v[1][35] = 42; /* no such vhid */
	refix(v[1]);
	v[2][34] = 0x11; /* version 1 */
	refix(v[2]);
	v[3][14 + 8] = 64; /* TTL */
	refix(v[3]);
	v[4][len - 1] ^= 1; /* CARP checksum */
	vlen[5] = len - 1;  /* short */
	vlen[6] = 30;       /* no IP header */
	/* v[7]: a good advert on a port without carp interfaces */
	/* our own cookie, correctly signed: a looped-back advert */
	carp_adv_decode(&adv, v[8] + 34);
	adv.counter = S.host[0].ifs[0].vh[0].counter;
	carp_auth_digest(&S.host[0].ifs[0].vh[0].auth, CARP_HMAC_NOV6LL, adv.counter, adv.md);
	carp_adv_encode(&adv, v[8] + 34, true);

	for (i = 0; i < n_if; i++) {
		seq[i] = view_seq(&S.host[0].ifs[i]);
		word[i] = carp_balance_read(&S.host[0].ifs[i].bal);
	}
	for (k = 0; k < NV; k++) {
		uint64_t before = h->stats.c[want[k]];

		for (i = 0; i < N; i++) {
			struct carp_actions *a = sim_actions(&S);

			CU_ASSERT_EQUAL(carp_host_input_frame(h, S.now, dev[k], v[k], vlen[k], a),
			                (int)want[k]);
			CU_ASSERT_EQUAL(a->n, 0);
		}
		CU_ASSERT_EQUAL(h->stats.c[want[k]], before + N);
		for (i = 0; i < n_if; i++) {
			CU_ASSERT_EQUAL(view_seq(&S.host[0].ifs[i]), seq[i]);
			CU_ASSERT_EQUAL(carp_balance_read(&S.host[0].ifs[i].bal), word[i]);
		}
	}
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(S.host[0].ifs[0].stats.c[CARP_STAT_BADAUTH], N);
	CU_ASSERT_EQUAL(S.host[0].ifs[1].stats.c[CARP_STAT_BADAUTH], 0);
	/* once per loop pass: only carp0's view (it matched) catches up */
	carp_host_publish_views(h, S.now);
	CU_ASSERT_EQUAL(view_seq(&S.host[0].ifs[0]), seq[0] + 2);
	CU_ASSERT_EQUAL(view_seq(&S.host[0].ifs[1]), seq[1]);
	CU_ASSERT_EQUAL(view_seq(&S.host[0].ifs[2]), seq[2]);
	CU_ASSERT_TRUE_FATAL(carp_view_read(&S.host[0].ifs[0].view, &view, 10));
	CU_ASSERT_EQUAL(view.stats[CARP_STAT_BADAUTH], N);
	CU_ASSERT_EQUAL(view.stats[CARP_STAT_BADVER], N);
	CU_ASSERT_EQUAL(view.stats[CARP_STAT_LOOP], N);
	carp_host_publish_views(h, S.now); /* nothing behind: nothing published */
	CU_ASSERT_EQUAL(view_seq(&S.host[0].ifs[0]), seq[0] + 2);
}

static void test_admin_down_badvhid(void)
{
	uint8_t f[CARP_FRAME_MAX];
	unsigned len = setup(f);
	struct carp_actions *a = sim_actions(&S);

	carp_if_admin(&S.host[0].ifs[0], S.now, CARP_ADMIN_DOWN, 0, 0, a);
	sim_process(&S, 0, a);
	CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, f, len), CARP_STAT_BADVHID);
}

/* A wrong passphrase on one side: badauth on both, no takeover by it. */
static void test_wrong_pass(void)
{
	struct carp_if_config c;

	sim_init(&S, 2, false, false);
	sim_cfg(&c, 0, 0, 1, 100);
	carp_key_from_passphrase(&c.key, "other");
	sim_add_if(&S, 0, &c);
	sim_cfg(&c, 1, 0, 1, 0);
	sim_add_if(&S, 1, &c);
	sim_run_until(&S, SEC(10));
	/* both MASTER: the classic "incorrect hash" split brain */
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT(S.host[0].h.stats.c[CARP_STAT_BADAUTH] >= 6);
	CU_ASSERT(S.host[1].h.stats.c[CARP_STAT_BADAUTH] >= 5);
}

/* A reload's new passphrase: the split brain above ends without a restart
 * (host 0 hears host 1 again and backs off), its badauth count stops, and
 * host 1 never leaves MASTER. An arp-balancing interface refuses, its key
 * kept: the fast path hashes ARP with it. */
static void test_set_key(void)
{
	struct carp_if_config c;
	struct carp_if *a, arp;
	uint64_t bad;

	sim_init(&S, 2, false, false);
	sim_cfg(&c, 0, 0, 1, 100);
	carp_key_from_passphrase(&c.key, "other");
	a = sim_add_if(&S, 0, &c);
	sim_cfg(&c, 1, 0, 1, 0);
	sim_add_if(&S, 1, &c);
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(carp_if_set_key(a, &c.key), 0);
	sim_run_until(&S, SEC(12));
	bad = S.host[0].h.stats.c[CARP_STAT_BADAUTH];
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_BADAUTH], bad);
	CU_ASSERT_EQUAL(sim_count(&S, 1, 1, CARP_ACT_STATE, SEC(10), SEC(20)), 0);

	sim_cfg(&c, 0, 0, 1, 0);
	c.n_nodes = 2;
	c.nodes[1].vhid = 2;
	c.balancing_set = true;
	c.balancing = CARP_BAL_ARP;
	CU_ASSERT_EQUAL_FATAL(carp_if_init(&arp, &c, NULL, 0), 0);
	carp_key_from_passphrase(&c.key, "other");
	CU_ASSERT_EQUAL(carp_if_set_key(&arp, &c.key), -EOPNOTSUPP);
	carp_key_from_passphrase(&c.key, "simpass");
	CU_ASSERT_EQUAL(memcmp(arp.vh[1].auth.key, c.key.b, CARP_KEY_LEN), 0);
	carp_if_fini(&arp);
}

/* Peer counters are never checked for monotonicity: FreeBSD and ucarp
 * increment theirs, OpenBSD keeps one constant; any value is accepted. */
static void test_counters_not_monotonic(void)
{
	uint8_t f[CARP_FRAME_MAX];
	unsigned len = setup(f), i;
	const uint64_t ctr[] = {5, 3, 3, 0xffffffffffffffffULL, 1, 0};
	struct carp_adv adv;
	struct carp_vhost *peer = &S.host[1].ifs[0].vh[0];

	for (i = 0; i < 6; i++) {
		carp_adv_decode(&adv, f + 34);
		adv.counter = ctr[i];
		carp_auth_digest(&peer->auth, CARP_HMAC_NOV6LL, ctr[i], adv.md);
		carp_adv_encode(&adv, f + 34, true);
		CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, f, len), 0);
	}
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_BADAUTH], 0);
}

/* VRRP on the segment with the same id: counted, never changes state. */
static void test_vrrp_harmless(void)
{
	uint8_t f[CARP_FRAME_MAX], v3[14 + 20 + 12], v2[14 + 20 + 20];
	unsigned len = setup(f), i;
	uint8_t ph[24];
	uint16_t s;

	(void)len;
	/* VRRPv3: vrid 1, priority 255 (would win anything), 1 address */
	memcpy(v3, f, 14 + 20);
	v3[14 + 3] = sizeof(v3) - 14;
	memset(v3 + 34, 0, 12);
	v3[34] = 0x31;
	v3[35] = 1;
	v3[36] = 255;
	v3[37] = 1;
	v3[39] = 100;
	memcpy(v3 + 42, "\xc0\x00\x02\x65", 4);
	memcpy(ph, v3 + 14 + 12, 8);
	ph[8] = 0;
	ph[9] = 112;
	ph[10] = 0;
	ph[11] = 12;
	memcpy(ph + 12, v3 + 34, 12);
	s = carp_cksum(ph, 24);
	v3[40] = (uint8_t)(s >> 8);
	v3[41] = (uint8_t)s;
	v3[24] = v3[25] = 0;
	s = carp_cksum(v3 + 14, 20);
	v3[24] = (uint8_t)(s >> 8);
	v3[25] = (uint8_t)s;
	/* VRRPv2: vrid 1, priority 255, 1 address, no auth */
	memcpy(v2, v3, 34);
	v2[14 + 3] = sizeof(v2) - 14;
	memset(v2 + 34, 0, 20);
	v2[34] = 0x21;
	v2[35] = 1;
	v2[36] = 255;
	v2[37] = 1;
	v2[39] = 1;
	memcpy(v2 + 42, "\xc0\x00\x02\x65", 4);
	s = carp_cksum(v2 + 34, 20);
	v2[40] = (uint8_t)(s >> 8);
	v2[41] = (uint8_t)s;
	v2[24] = v2[25] = 0;
	s = carp_cksum(v2 + 14, 20);
	v2[24] = (uint8_t)(s >> 8);
	v2[25] = (uint8_t)s;
	for (i = 0; i < 50; i++) {
		CU_ASSERT_EQUAL(sim_inject(&S, 0, 0, v3, sizeof(v3)), CARP_STAT_VRRP);
		CU_ASSERT_EQUAL(sim_inject(&S, 1, 0, v2, sizeof(v2)), CARP_STAT_VRRP);
		sim_run_until(&S, S.now + MS(100));
	}
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_VRRP], 50);
	CU_ASSERT_EQUAL(S.host[1].h.stats.c[CARP_STAT_VRRP], 50);
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_BADAUTH], 0);
	CU_ASSERT_EQUAL(sim_state(&S, 0, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_state(&S, 1, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(S.host[0].ifs[0].vh[0].transitions, 1);
	CU_ASSERT_EQUAL(S.host[1].ifs[0].vh[0].transitions, 2);
}

/* Send errors: 3 x vhids consecutive failures demote by 1 (senderr),
 * as many successes undo it; failures count as onomem. */
static void test_send_errors(void)
{
	struct carp_if_config c;
	uint16_t ledger[CARP_DEMOTE__COUNT];

	sim_init(&S, 1, false, false);
	sim_cfg(&c, 0, 0, 1, 0);
	sim_add_if(&S, 0, &c);
	sim_run_until(&S, SEC(3)); /* master, 1 advert sent ok */
	S.host[0].send_err = -ENOBUFS;
	sim_run_until(&S, SEC(5)); /* 2 failures */
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[0].h, "carp", ledger), 0);
	sim_run_until(&S, SEC(6)); /* 3rd */
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[0].h, "carp", ledger), 1);
	CU_ASSERT_EQUAL(ledger[CARP_DEMOTE_SENDERR], 1);
	/* the demotion made the master advertise at once (counter now 1):
	 * that advert failed too */
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_ONOMEM], 4);
	CU_ASSERT_EQUAL(sim_count(&S, 0, 1, CARP_ACT_SEND_ADV, SEC(6), SEC(6)), 2);
	sim_run_until(&S, SEC(9)); /* still failing: no further demotion */
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[0].h, "carp", NULL), 1);
	S.host[0].send_err = 0;
	{ /* report successes as the app would */
		unsigned i;

		for (i = 0; i < 3; i++) {
			struct carp_actions *a = sim_actions(&S);

			CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[0].h, "carp", NULL), 1);
			carp_host_send_result(&S.host[0].h, S.now, &S.host[0].ifs[0], 0, a);
			sim_process(&S, 0, a);
		}
	}
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[0].h, "carp", ledger), 0);
	CU_ASSERT_EQUAL(ledger[CARP_DEMOTE_SENDERR], 0);
}

static void test_names_and_overflow(void)
{
	struct carp_action buf[2];
	struct carp_actions l;

	CU_ASSERT_STRING_EQUAL(carp_stat_name(CARP_STAT_BADAUTH), "badauth");
	CU_ASSERT_STRING_EQUAL(carp_stat_name(CARP_STAT_IPACKETS6), "ipackets6");
	CU_ASSERT_STRING_EQUAL(carp_stat_name(CARP_STAT_LOOP), "loop");
	CU_ASSERT_STRING_EQUAL(carp_stat_name(CARP_STAT__COUNT), "?");
	CU_ASSERT_STRING_EQUAL(carp_action_name(CARP_ACT_GARP), "garp");
	CU_ASSERT_STRING_EQUAL(carp_garp_reason_name(CARP_GARP_REANNOUNCE), "reannounce");
	carp_actions_init(&l, buf, 2);
	CU_ASSERT_PTR_NOT_NULL(carp_actions_push(&l, CARP_ACT_STATE));
	CU_ASSERT_PTR_NOT_NULL(carp_actions_push(&l, CARP_ACT_STATE));
	CU_ASSERT_PTR_NULL(carp_actions_push(&l, CARP_ACT_STATE));
	CU_ASSERT_EQUAL(l.dropped, 1);
	CU_ASSERT_EQUAL(l.n, 2);
}

static void test_config_errors(void)
{
	struct carp_if_config c;
	struct carp_if ifc;
	char err[128];

	sim_cfg(&c, 0, 0, 12, 0);
	strcpy(c.name, "carp0");
	c.nodes[0].advskew = 255;
	CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "carp0: vhid 12: advskew 255 out of range 0-254");
	sim_cfg(&c, 0, 0, 12, 0);
	c.n_nodes = 2;
	c.nodes[1] = c.nodes[0];
	CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "carp0: vhid 12 listed twice");
	sim_cfg(&c, 0, 0, 12, 0);
	c.addrs.n4 = 0;
	CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "carp0: no virtual address");
	sim_cfg(&c, 0, 0, 12, 0);
	c.advbase = 255;
	CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "carp0: advbase 255 out of range 0-254");
	sim_cfg(&c, 0, 0, 12, 0);
	c.n_nodes = 0;
	CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, err, sizeof(err)), -EINVAL);
	CU_ASSERT_STRING_EQUAL(err, "carp0: 0 carpnodes, need 1-32");
	/* duplicate vhid on the same carpdev */
	sim_init(&S, 1, false, false);
	sim_cfg(&c, 0, 0, 12, 0);
	sim_add_if(&S, 0, &c);
	CU_ASSERT_EQUAL(carp_if_init(&ifc, &c, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(carp_host_attach(&S.host[0].h, &ifc, 0, sim_actions(&S)), -EEXIST);
	carp_if_fini(&ifc);
}

/* Never a crash: 200,000 mutated copies of a valid advert (1-4 random
 * byte changes, random truncation) through the whole input path, with the
 * IP and CARP checksums sometimes repaired so deeper checks are reached.
 * Every packet is either accepted or counted under exactly one reason. */
static void test_mutations_counted(void)
{
	uint8_t f[CARP_FRAME_MAX], g[CARP_FRAME_MAX];
	unsigned len = setup(f), i, k, n;
	uint64_t seed = 42, before = 0, after = 0, acc = 0, in0;
	int r;

	for (k = 0; k < CARP_STAT__COUNT; k++)
		if (k != CARP_STAT_IPACKETS && k != CARP_STAT_IPACKETS6 &&
		    k != CARP_STAT_OPACKETS && k != CARP_STAT_OPACKETS6 && k != CARP_STAT_PREEMPT &&
		    k != CARP_STAT_ONOMEM)
			before += S.host[0].h.stats.c[k];
	in0 = S.host[0].h.stats.c[CARP_STAT_IPACKETS] + S.host[0].h.stats.c[CARP_STAT_IPACKETS6];
	for (i = 0; i < 200000; i++) {
		memcpy(g, f, len);
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		for (k = 0; k < 1 + (seed >> 62); k++) {
			uint64_t x = seed >> (8 * k);

			g[14 + (x % (len - 14))] ^= (uint8_t)(1 + (x >> 20) % 255);
		}
		n = (seed >> 40) % 8 == 0 ? (unsigned)((seed >> 16) % len) : len;
		if ((seed >> 33) & 1)
			refix(g);
		r = sim_inject(&S, 0, 0, g, n);
		CU_ASSERT(r >= 0 && r < CARP_STAT__COUNT);
		acc += r == 0;
	}
	for (k = 0; k < CARP_STAT__COUNT; k++)
		if (k != CARP_STAT_IPACKETS && k != CARP_STAT_IPACKETS6 &&
		    k != CARP_STAT_OPACKETS && k != CARP_STAT_OPACKETS6 && k != CARP_STAT_PREEMPT &&
		    k != CARP_STAT_ONOMEM)
			after += S.host[0].h.stats.c[k];
	/* every packet was counted as received and either accepted or
	 * dropped under exactly one reason; acceptance needs the mutation
	 * to hit a byte nothing covers (IP id/TOS/source, checksums fixed) */
	CU_ASSERT_EQUAL(acc + (after - before), 200000);
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_IPACKETS] +
	                    S.host[0].h.stats.c[CARP_STAT_IPACKETS6] - in0,
	                200000);
	CU_ASSERT(acc < 20000);
	CU_ASSERT_EQUAL(S.host[0].h.stats.c[CARP_STAT_BADAUTH] > 0, 1);
}

int carp_test_register_input(void)
{
	static const struct t_case cases[] = {
	    {"each drop reason and its counter", test_each_reason},
	    {"rejected adverts: counters only, no publication, no action",
	     test_drops_publish_nothing},
	    {"carp interface down -> badvhid", test_admin_down_badvhid},
	    {"wrong passphrase -> badauth", test_wrong_pass},
	    {"a new passphrase on a running interface", test_set_key},
	    {"non-monotonic peer counters accepted", test_counters_not_monotonic},
	    {"VRRP counted, never changes state", test_vrrp_harmless},
	    {"send errors demote and recover", test_send_errors},
	    {"names and action overflow", test_names_and_overflow},
	    {"configuration errors", test_config_errors},
	    {"200k mutated adverts: counted, no crash", test_mutations_counted},
	    {NULL, NULL},
	};
	return t_suite("carp_input", cases);
}
