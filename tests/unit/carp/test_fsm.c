/* SPDX-License-Identifier: BSD-2-Clause */
/* State machine timelines on a simulated clock, to the microsecond. */
#include <errno.h>
#include <string.h>

#include "carp_fsm.h"
#include "carp_test.h"
#include "sim.h"

static struct sim S;

#define A 0
#define B 1

/* B skew 100: interval 1 s + 100/256 s = 1390625 us */
#define IV_B 1390625u
#define MD_A SEC(3)
#define MD_B (3u * IV_B)

static void pair(bool preempt, uint8_t skew_a, uint8_t skew_b)
{
	struct carp_if_config c;

	sim_init(&S, 2, preempt, false);
	sim_cfg(&c, A, 0, 1, skew_a);
	sim_add_if(&S, A, &c);
	sim_cfg(&c, B, 0, 1, skew_b);
	sim_add_if(&S, B, &c);
}

static void test_formulas(void)
{
	CU_ASSERT_EQUAL(carp_interval_us(1, 0), 1000000);
	CU_ASSERT_EQUAL(carp_interval_us(1, 100), 1390625);
	CU_ASSERT_EQUAL(carp_interval_us(0, 0), 3906);
	CU_ASSERT_EQUAL(carp_interval_us(0, 1), 3906);
	CU_ASSERT_EQUAL(carp_interval_us(0, 10), 39062);
	CU_ASSERT_EQUAL(carp_interval_us(255, 255), 255996093);
	CU_ASSERT_EQUAL(carp_master_down_us(1, 100), 4171875);
	CU_ASSERT_EQUAL(carp_master_down_us(0, 0), 11718);
	CU_ASSERT_STRING_EQUAL(carp_state_name(CARP_STATE_MASTER), "MASTER");
	CU_ASSERT_STRING_EQUAL(carp_reason_desc(CARP_REASON_MASTER_DOWN),
	                       "master-down timer expired");
}

static void test_decisions(void)
{
	/* MASTER: (L >= R and dR <= dL) or dR < dL */
	CU_ASSERT_EQUAL(carp_fsm_master_rx(1, 100, 0, 1, 0, 0), CARP_REASON_FASTER_MASTER);
	CU_ASSERT_EQUAL(carp_fsm_master_rx(1, 0, 0, 1, 0, 0), CARP_REASON_EQUAL_MASTER);
	CU_ASSERT_EQUAL(carp_fsm_master_rx(1, 0, 0, 1, 100, 0), CARP_REASON_NONE);
	CU_ASSERT_EQUAL(carp_fsm_master_rx(1, 100, 0, 1, 0, 1), CARP_REASON_NONE);
	CU_ASSERT_EQUAL(carp_fsm_master_rx(1, 0, 1, 1, 100, 0), CARP_REASON_LESS_DEMOTED);
	CU_ASSERT_EQUAL(carp_fsm_master_rx(2, 0, 0, 1, 255, 0),
	                CARP_REASON_FASTER_MASTER); /* advbase dominates */
	CU_ASSERT_EQUAL(carp_fsm_master_rx(1, 0, 0, 255, 255, 0),
	                CARP_REASON_NONE); /* bow-out never displaces */
	/* BACKUP rules 1-4 */
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 0, 0, 1, 100, 0, true), CARP_REASON_PREEMPT);
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 0, 0, 1, 100, 0, false), CARP_REASON_NONE);
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 0, 1, 1, 100, 0, true),
	                CARP_REASON_NONE); /* we are more demoted */
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 100, 0, 1, 0, 1, false), CARP_REASON_DEMOTED_PEER);
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 0, 0, 255, 255, 0, false), CARP_REASON_BOW_OUT);
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 0, 0, 4, 0, 0, false), CARP_REASON_SLOW_MASTER);
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 0, 0, 3, 0, 0, false),
	                CARP_REASON_NONE); /* (3,0) < (3,0) is false */
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(1, 10, 0, 3, 0, 0, false), CARP_REASON_NONE);
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(0, 0, 0, 255, 255, 0, false),
	                CARP_REASON_NONE); /* advbase 0 skips rule 3 */
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(86, 0, 0, 255, 255, 0, false),
	                CARP_REASON_NONE); /* bow-out needs advbase <= 85 */
	CU_ASSERT_EQUAL(carp_fsm_backup_rx(85, 0, 0, 255, 255, 0, false), CARP_REASON_BOW_OUT);
}

/* One host alone: BACKUP at once, MASTER after exactly 3 x interval. */
static void test_alone(void)
{
	struct carp_if_config c;
	const struct sim_log *l;
	struct carp_pkt p;

	sim_init(&S, 1, false, false);
	sim_cfg(&c, A, 0, 1, 0);
	sim_add_if(&S, A, &c);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_VMAC_ADD, 0, 0), 1);
	sim_run_until(&S, MD_A - 1);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, 0, MD_A), 0);
	sim_run_until(&S, MD_A);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_MASTER, 0), MD_A);
	l = sim_find(&S, A, 1, CARP_ACT_STATE, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->a.u.state.old_state, CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(l->a.u.state.reason, CARP_REASON_MASTER_DOWN);
	/* advertisement at once, then every second */
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, MD_A, MD_A), 1);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, 0, SEC(10)), 8);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, SEC(4), SEC(4)), 1);
	/* gratuitous ARP on takeover and at the 2nd following advert */
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_GARP, 0, SEC(10)), 2);
	l = sim_find(&S, A, 1, CARP_ACT_GARP, 0);
	CU_ASSERT_EQUAL(l->at, MD_A);
	CU_ASSERT_EQUAL(l->a.u.garp.reason, CARP_GARP_TAKEOVER);
	CU_ASSERT_EQUAL(l->a.u.garp.ip[3], 101);
	CU_ASSERT_EQUAL(memcmp(l->a.u.garp.mac, "\x00\x00\x5e\x00\x01\x01", 6), 0);
	l = sim_find(&S, A, 1, CARP_ACT_GARP, 1);
	CU_ASSERT_EQUAL(l->at, MD_A + SEC(2));
	CU_ASSERT_EQUAL(l->a.u.garp.reason, CARP_GARP_REPEAT);
	/* the advert on the wire */
	l = sim_find(&S, A, 1, CARP_ACT_SEND_ADV, 0);
	CU_ASSERT_EQUAL_FATAL(carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p),
	                      CARP_PARSE_OK);
	CU_ASSERT_EQUAL(p.adv.vhid, 1);
	CU_ASSERT_EQUAL(p.adv.advbase, 1);
	CU_ASSERT_EQUAL(p.adv.advskew, 0);
	CU_ASSERT_EQUAL(p.adv.demote, 0);
	CU_ASSERT_EQUAL(p.adv.counter, S.host[A].ifs[0].vh[0].counter);
	CU_ASSERT_EQUAL(memcmp(p.eth_src, "\x00\x00\x5e\x00\x01\x01", 6), 0);
	CU_ASSERT_EQUAL(memcmp(p.eth_dst, carp_group4_mac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(p.dst.a, carp_group4, 4), 0);
	CU_ASSERT_EQUAL(p.src.a[3], 1);
	/* the counter never changes */
	l = sim_find(&S, A, 1, CARP_ACT_SEND_ADV, 5);
	carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
	CU_ASSERT_EQUAL(p.adv.counter, S.host[A].ifs[0].vh[0].counter);
	CU_ASSERT_EQUAL(S.host[A].h.stats.c[CARP_STAT_PREEMPT], 1);
	CU_ASSERT_EQUAL(S.host[A].h.stats.c[CARP_STAT_OPACKETS], 8);
}

/* Two hosts: the lower advskew wins, the other never becomes MASTER. */
static void test_pair_elects_lower_skew(void)
{
	pair(false, 100, 0);
	sim_run_until(&S, SEC(60));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), MD_A);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_MASTER, 0), CARP_NEVER);
	CU_ASSERT_EQUAL(S.host[A].h.stats.c[CARP_STAT_BADAUTH], 0);
	CU_ASSERT(S.host[A].h.stats.c[CARP_STAT_IPACKETS] >= 57);
}

/* Master dies: the backup takes over 3 x its own interval after the last
 * advertisement it heard. */
static void test_master_death(void)
{
	pair(false, 0, 100);
	sim_run_until(&S, MS(10500));
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	S.host[A].dead = true; /* last advert at 10 s */
	sim_run_until(&S, SEC(10) + MD_B - 1);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_BACKUP);
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), SEC(10) + 4171875);
	CU_ASSERT_EQUAL(S.host[B].ifs[0].vh[0].reason, CARP_REASON_MASTER_DOWN);
	CU_ASSERT_EQUAL(sim_count(&S, B, 1, CARP_ACT_GARP, 0, SEC(20)), 2);
}

/* preempt off: a better host that starts later stays BACKUP. */
static void test_preempt_off(void)
{
	struct carp_if_config c;

	sim_init(&S, 2, false, false);
	sim_cfg(&c, A, 0, 1, 100);
	sim_add_if(&S, A, &c);
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	sim_cfg(&c, B, 0, 1, 0);
	sim_add_if(&S, B, &c);
	sim_run_until(&S, SEC(60));
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), CARP_NEVER);
}

/* preempt on: the better host takes over at the first advert it hears. */
static void test_preempt_on(void)
{
	struct carp_if_config c;
	uint64_t first_ad, t;
	const struct sim_log *l;
	unsigned i;

	sim_init(&S, 2, true, false);
	sim_cfg(&c, A, 0, 1, 100);
	sim_add_if(&S, A, &c);
	sim_run_until(&S, SEC(10));
	sim_cfg(&c, B, 0, 1, 0);
	sim_add_if(&S, B, &c);
	sim_run_until(&S, SEC(60));
	/* A's first advert after 10 s: 4171875 + k * 1390625 */
	first_ad = CARP_NEVER;
	for (i = 0; (l = sim_find(&S, A, 1, CARP_ACT_SEND_ADV, i)); i++)
		if (l->at >= SEC(10)) {
			first_ad = l->at;
			break;
		}
	CU_ASSERT_EQUAL(first_ad, 4171875u + 5u * IV_B);
	t = sim_when(&S, B, 1, CARP_STATE_MASTER, 0);
	CU_ASSERT_EQUAL(t, first_ad);
	CU_ASSERT_EQUAL(S.host[B].ifs[0].vh[0].reason, CARP_REASON_PREEMPT);
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_BACKUP, SEC(10)), first_ad);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reason, CARP_REASON_FASTER_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
}

/* Wire cut: both MASTER; heal: one yields, the winner re-announces. */
static void test_split_brain_heal(void)
{
	const struct sim_log *l;
	uint64_t bm, heal = 21050000, bad = 21125000;

	pair(false, 0, 100);
	sim_run_until(&S, MS(10500));
	sim_cut(&S, A, B, true);
	sim_run_until(&S, SEC(20));
	bm = sim_when(&S, B, 1, CARP_STATE_MASTER, 0);
	CU_ASSERT_EQUAL(bm, SEC(10) + MD_B);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	/* heal between A's advert at 21 s and B's at bm + 5 intervals */
	CU_ASSERT_EQUAL(bm + 5u * IV_B, bad);
	sim_run_until(&S, heal);
	sim_cut(&S, A, B, false);
	sim_run_until(&S, SEC(40));
	/* A hears the worse master: re-announces (GARP + advert) at once */
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_GARP, heal, SEC(40)), 1);
	l = sim_find(&S, A, 1, CARP_ACT_GARP, 2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(l->at, bad);
	CU_ASSERT_EQUAL(l->a.u.garp.reason, CARP_GARP_REANNOUNCE);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reannounces, 1);
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_BACKUP, heal), bad);
	CU_ASSERT_EQUAL(S.host[B].ifs[0].vh[0].reason, CARP_REASON_FASTER_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_BACKUP);
	/* the loser does not announce */
	CU_ASSERT_EQUAL(sim_count(&S, B, 1, CARP_ACT_GARP, heal, SEC(40)), 0);
}

/* Heal where the better master is heard first: the loser yields silently
 * at that advert; the winner never heard a conflict, so nothing to
 * re-announce (both used the same virtual MAC; docs/carp.md). */
static void test_split_brain_heal_winner_first(void)
{
	pair(false, 0, 100);
	sim_run_until(&S, MS(10500));
	sim_cut(&S, A, B, true);
	sim_run_until(&S, MS(20500));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	sim_cut(&S, A, B, false);
	sim_run_until(&S, SEC(40));
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_BACKUP, MS(20500)), SEC(21));
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reannounces, 0);
	CU_ASSERT_EQUAL(sim_count(&S, -1, 1, CARP_ACT_GARP, MS(20500), SEC(40)), 0);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
}

/* Forced state: operator forces B master / A backup; protocol resumes. */
static void test_forced_state(void)
{
	struct carp_actions *a;

	pair(false, 0, 100);
	sim_run_until(&S, MS(10200));
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[B].ifs[0], S.now, CARP_ADMIN_FORCE_MASTER, 1, 0, a),
	                0);
	sim_process(&S, B, a);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(S.host[B].ifs[0].vh[0].reason, CARP_REASON_FORCED);
	CU_ASSERT_EQUAL(sim_count(&S, B, 1, CARP_ACT_SEND_ADV, MS(10200), MS(10200)), 1);
	/* A (better) keeps MASTER, hears a worse master and re-announces at
	 * once (advert + GARP), so B yields immediately */
	sim_run_until(&S, SEC(12));
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_GARP, MS(10200), MS(10200)), 1);
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_BACKUP, MS(10200)), MS(10200));
	/* force A to BACKUP: nobody advertises; A's own master-down (3 s
	 * from now) fires before B's (3 x 1.39 s from A's last advert) */
	sim_run_until(&S, MS(20300));
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[A].ifs[0], S.now, CARP_ADMIN_FORCE_BACKUP, 0, 0, a),
	                0);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	sim_run_until(&S, SEC(30));
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_MASTER, MS(20300)), MS(23300));
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, MS(12000)), CARP_NEVER);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[A].ifs[0], S.now, CARP_ADMIN_FORCE_MASTER, 77, 0, a),
	                -ENOENT);
}

/* A switch reflecting our own multicast: detected by our counter. */
static void test_loop_detection(void)
{
	struct carp_if_config c;
	unsigned ads;

	sim_init(&S, 1, false, false);
	S.echo = true;
	sim_cfg(&c, A, 0, 1, 0);
	sim_add_if(&S, A, &c);
	sim_run_until(&S, SEC(10));
	ads = sim_count(&S, A, 1, CARP_ACT_SEND_ADV, 0, SEC(10));
	CU_ASSERT_EQUAL(ads, 8);
	CU_ASSERT_EQUAL(S.host[A].h.stats.c[CARP_STAT_LOOP], ads);
	CU_ASSERT_EQUAL(S.host[A].h.stats.c[CARP_STAT_BADAUTH], 0);
	/* without the check, an equal advert would make us yield */
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].transitions, 2);
}

/* advbase 0: sub-second timers (OpenBSD); rule 3 skipped. */
static void test_advbase_zero(void)
{
	struct carp_if_config c;
	uint64_t iv_a = carp_interval_us(0, 0), md_b = carp_master_down_us(0, 10);
	uint64_t last;
	const struct sim_log *l;
	unsigned i;

	CU_ASSERT_EQUAL(iv_a, 3906);
	CU_ASSERT_EQUAL(md_b, 117186);
	sim_init(&S, 2, false, false);
	sim_cfg(&c, A, 0, 1, 0);
	c.advbase = 0;
	sim_add_if(&S, A, &c);
	sim_cfg(&c, B, 0, 1, 10);
	c.advbase = 0;
	sim_add_if(&S, B, &c);
	sim_run_until(&S, MS(100));
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_MASTER, 0), 11718);
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_BACKUP);
	/* one advert every 3906 us */
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, 0, MS(100)),
	                1 + (MS(100) - 11718) / 3906);
	S.host[A].dead = true;
	last = 0;
	for (i = 0; (l = sim_find(&S, A, 1, CARP_ACT_SEND_ADV, i)); i++)
		last = l->at;
	CU_ASSERT_EQUAL(last, 11718 + 22 * 3906);
	sim_run_until(&S, MS(500));
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), last + md_b);
}

/* Admin down on the master: one bow-out advert, the backup takes over at
 * once instead of after the master-down interval. */
static void test_bow_out(void)
{
	struct carp_actions *a;
	const struct sim_log *l;
	struct carp_pkt p;
	unsigned i, n_before;

	pair(false, 0, 100);
	sim_run_until(&S, MS(10500));
	n_before = sim_count(&S, A, 1, CARP_ACT_SEND_ADV, 0, MS(10500));
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[A].ifs[0], S.now, CARP_ADMIN_DOWN, 0, 0, a), 0);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_INIT);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reason, CARP_REASON_ADMIN_DOWN);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_VMAC_DEL, MS(10500), MS(10500)), 1);
	l = sim_find(&S, A, 1, CARP_ACT_SEND_ADV, n_before);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_TRUE(l->a.u.adv.bow_out);
	carp_frame_parse(l->a.u.adv.frame, l->a.u.adv.frame_len, &p);
	CU_ASSERT_EQUAL(p.adv.advbase, 255);
	CU_ASSERT_EQUAL(p.adv.advskew, 255);
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), MS(10500));
	CU_ASSERT_EQUAL(S.host[B].ifs[0].vh[0].reason, CARP_REASON_BOW_OUT);
	/* A stays silent while down */
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, MS(10501), SEC(20)), 0);
	for (i = 0; i < 1; i++) /* and INIT ignores adverts */
		CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_INIT);
	/* admin up again: BACKUP, stays behind B without preempt */
	a = sim_actions(&S);
	carp_if_admin(&S.host[A].ifs[0], S.now, CARP_ADMIN_UP, 0, 0, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reason, CARP_REASON_ADMIN_UP);
	sim_run_until(&S, SEC(40));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
}

/* advskew change at runtime re-arms the timers (no restart). */
static void test_set_advskew(void)
{
	struct carp_actions *a;

	pair(false, 0, 100);
	sim_run_until(&S, MS(10500));
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[A].ifs[0], S.now, CARP_ADMIN_SET_ADVSKEW, 1, 200, a),
	                0);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[A].ifs[0], S.now, CARP_ADMIN_SET_ADVSKEW, 1, 255, a),
	                -EINVAL);
	/* next advert of A at 10.5 + 1 + 200/256 s */
	sim_run_until(&S, SEC(14));
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, MS(10501), MS(10500) + 1781250 - 1),
	                0);
	CU_ASSERT_EQUAL(
	    sim_count(&S, A, 1, CARP_ACT_SEND_ADV, MS(10500) + 1781250, MS(10500) + 1781250), 1);
	/* preempt off: B (now better) stays BACKUP */
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_BACKUP);
}

int carp_test_register_fsm(void)
{
	static const struct t_case cases[] = {
	    {"timer formulas", test_formulas},
	    {"decision rules", test_decisions},
	    {"alone: master after master-down", test_alone},
	    {"pair elects lower advskew", test_pair_elects_lower_skew},
	    {"master death -> takeover time", test_master_death},
	    {"preempt off", test_preempt_off},
	    {"preempt on", test_preempt_on},
	    {"split brain and heal re-announce", test_split_brain_heal},
	    {"split brain heal, winner heard first", test_split_brain_heal_winner_first},
	    {"forced state", test_forced_state},
	    {"own-counter loop detection", test_loop_detection},
	    {"advbase 0 timelines", test_advbase_zero},
	    {"bow-out -> immediate takeover", test_bow_out},
	    {"advskew change", test_set_advskew},
	    {NULL, NULL},
	};
	return t_suite("carp_fsm", cases);
}
