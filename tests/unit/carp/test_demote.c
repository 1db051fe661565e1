/* SPDX-License-Identifier: BSD-2-Clause */
/* Demotion: groups, ledger sources, and all vhids of a host moving together. */
#include <errno.h>
#include <string.h>

#include "carp_demote.h"
#include "carp_status.h"
#include "carp_test.h"
#include "sim.h"

static struct sim S;

#define A    0
#define B    1
#define IV_B 1390625u

static void test_ledger(void)
{
	struct carp_groups gs;
	int g;

	carp_groups_init(&gs);
	CU_ASSERT_EQUAL(carp_groups_find(&gs, "carp"), 0);
	CU_ASSERT_EQUAL(carp_groups_find(&gs, "uplink"), -ENOENT);
	g = carp_groups_get(&gs, "uplink");
	CU_ASSERT_EQUAL(g, 1);
	CU_ASSERT_EQUAL(carp_groups_get(&gs, "uplink"), 1);
	CU_ASSERT_EQUAL(carp_groups_get(&gs, ""), -EINVAL);
	CU_ASSERT_EQUAL(carp_groups_get(&gs, "0123456789abcdef"), -EINVAL);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_OPERATOR, 5), 5);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_LINK, 1), 6);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_OPERATOR, -9), 1);
	CU_ASSERT_EQUAL(gs.g[g].ledger[CARP_DEMOTE_OPERATOR], 0); /* never < 0 */
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_BOOT, 128), 129);
	/* entries stay exact; what is advertised is min(sum, 255) */
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_SENDERR, 200), 255);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_SENDERR, 200), 255);
	CU_ASSERT_EQUAL(gs.g[g].ledger[CARP_DEMOTE_SENDERR], 400);
	CU_ASSERT_EQUAL(carp_group_sum(&gs.g[g]), 529);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_SENDERR, -200), 255);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_SENDERR, -200), 129);
	CU_ASSERT_EQUAL(carp_group_adjust(&gs.g[g], CARP_DEMOTE_BOOT, -255), 1);
	CU_ASSERT_STRING_EQUAL(carp_demote_src_name(CARP_DEMOTE_SENDERR), "senderr");
	CU_ASSERT_STRING_EQUAL(carp_demote_src_desc(CARP_DEMOTE_LINK), "carpdev link down");
}

/* Two hosts, each with carp0 (vhid 1, carpdev 0) and carp1 (vhid 2,
 * carpdev 1); A skew 0 is MASTER of both at 10.5 s. */
static void two_by_two(bool preempt, bool boot, const char *grp1)
{
	struct carp_if_config c;
	int h;

	sim_init(&S, 2, preempt, boot);
	for (h = 0; h < 2; h++) {
		sim_cfg(&c, h, 0, 1, h == A ? 0 : 100);
		sim_add_if(&S, h, &c);
		sim_cfg(&c, h, 1, 2, h == A ? 0 : 100);
		if (grp1) {
			c.n_groups = 1;
			strcpy(c.groups[0], grp1);
		}
		sim_add_if(&S, h, &c);
	}
}

static uint8_t last_demote(int host, uint8_t vhid)
{
	const struct sim_log *l, *last = NULL;
	struct carp_pkt p;
	unsigned i;

	for (i = 0; (l = sim_find(&S, host, vhid, CARP_ACT_SEND_ADV, i)); i++)
		last = l;
	CU_ASSERT_PTR_NOT_NULL_FATAL(last);
	CU_ASSERT_EQUAL(carp_frame_parse(last->a.u.adv.frame, last->a.u.adv.frame_len, &p),
	                CARP_PARSE_OK);
	return p.adv.demote;
}

/* Operator demotion of group carp on the master: every vhid moves to the
 * backup at once (the "advskew 240" idea, done with demote). */
static void test_operator_moves_all(void)
{
	struct carp_actions *a;
	uint16_t ledger[CARP_DEMOTE__COUNT];
	uint64_t t = MS(10500);

	two_by_two(false, false, NULL);
	sim_run_until(&S, t);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, A, 1, 2), CARP_STATE_MASTER);
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, t, "carp", 1, CARP_DEMOTE_OPERATOR, a), 0);
	/* both masters advertised at once with demote 1 */
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_count(&S, A, 0, CARP_ACT_SEND_ADV, t, t), 2);
	CU_ASSERT_EQUAL(last_demote(A, 1), 1);
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), t);
	CU_ASSERT_EQUAL(sim_when(&S, B, 2, CARP_STATE_MASTER, 0), t);
	CU_ASSERT_EQUAL(S.host[B].ifs[0].vh[0].reason, CARP_REASON_DEMOTED_PEER);
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_BACKUP, t), t);
	CU_ASSERT_EQUAL(sim_when(&S, A, 2, CARP_STATE_BACKUP, t), t);
	CU_ASSERT_EQUAL(S.host[A].ifs[1].vh[0].reason, CARP_REASON_LESS_DEMOTED);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 1);
	CU_ASSERT_EQUAL(ledger[CARP_DEMOTE_OPERATOR], 1);
	CU_ASSERT_EQUAL(carp_if_demote(&S.host[A].ifs[0]), 1);
	/* undemote: without preempt B keeps both */
	a = sim_actions(&S);
	carp_host_demote(&S.host[A].h, S.now, "carp", -1, CARP_DEMOTE_OPERATOR, a);
	sim_process(&S, A, a);
	sim_run_until(&S, SEC(40));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 1, 2), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, 0, "nosuch", 1, CARP_DEMOTE_OPERATOR, a),
	                -ENOENT);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, 0, "carp", 256, CARP_DEMOTE_OPERATOR, a),
	                -EINVAL);
}

/* Operator demotion as OpenBSD's carpdemote (if_setgroupattribs): a change
 * that would take the group's counter outside 0..255 is refused and changes
 * nothing; +200 +200 -200 leaves 0 (the second refused), never the 55 that
 * clamping each step at 255 gave. */
static void test_operator_refuses_overflow(void)
{
	struct carp_actions *a;
	uint16_t ledger[CARP_DEMOTE__COUNT];

	two_by_two(false, false, NULL);
	sim_run_until(&S, MS(10500));
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", 200, CARP_DEMOTE_OPERATOR, a),
	                0);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", 200, CARP_DEMOTE_OPERATOR, a),
	                -ERANGE);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 200);
	CU_ASSERT_EQUAL(ledger[CARP_DEMOTE_OPERATOR], 200);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", -200, CARP_DEMOTE_OPERATOR,
	                                 a),
	                0);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 0);
	/* 255 exactly is allowed, one more is not */
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", 255, CARP_DEMOTE_OPERATOR, a),
	                0);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", 1, CARP_DEMOTE_OPERATOR, a),
	                -ERANGE);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", -255, CARP_DEMOTE_OPERATOR,
	                                 a),
	                0);
	/* below 0: the operator takes back only the operator's own demotion */
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", -1, CARP_DEMOTE_OPERATOR, a),
	                -ERANGE);
	/* the router's own sources count in the sum the operator may not overflow */
	carp_host_link(&S.host[A].h, S.now, 0, false, a);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 1);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", 255, CARP_DEMOTE_OPERATOR, a),
	                -ERANGE);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, S.now, "carp", 254, CARP_DEMOTE_OPERATOR, a),
	                0);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 255);
	CU_ASSERT_EQUAL(carp_group_operator_check(&S.host[A].h.groups.g[0], 0), 0);
}

/* Link down on one carpdev: that carp interface goes INIT, the group is
 * demoted by 1 ("carpdev") and the other carp interface's master
 * advertises at once, so the peer takes over both vhids. */
static void test_link_down_moves_all(void)
{
	struct carp_actions *a;
	uint16_t ledger[CARP_DEMOTE__COUNT];
	uint64_t t = MS(10500);

	two_by_two(false, false, NULL);
	sim_run_until(&S, t);
	a = sim_actions(&S);
	carp_host_link(&S.host[A].h, t, 0, false, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_INIT);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reason, CARP_REASON_LINK_DOWN);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 1);
	CU_ASSERT_EQUAL(ledger[CARP_DEMOTE_LINK], 1);
	/* immediate advert of carp1 (counter left at exactly 1) */
	CU_ASSERT_EQUAL(sim_count(&S, A, 2, CARP_ACT_SEND_ADV, t, t), 1);
	CU_ASSERT_EQUAL(sim_count(&S, A, 1, CARP_ACT_SEND_ADV, t, t), 0);
	/* the link is down: no MAC reprogramming, no bow-out */
	CU_ASSERT_EQUAL(sim_count(&S, A, 0, CARP_ACT_VMAC_DEL, t, t), 0);
	sim_run_until(&S, SEC(30));
	CU_ASSERT_EQUAL(sim_when(&S, B, 2, CARP_STATE_MASTER, 0), t);
	/* vhid 1 by master-down: 3 x B's interval after A's 10 s advert */
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), SEC(10) + 3u * IV_B);
	CU_ASSERT_EQUAL(sim_state(&S, A, 1, 2), CARP_STATE_BACKUP);
	/* link back: BACKUP again, demotion removed, B keeps both */
	a = sim_actions(&S);
	carp_host_link(&S.host[A].h, S.now, 0, true, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reason, CARP_REASON_LINK_UP);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 0);
	sim_run_until(&S, SEC(50));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 1, 2), CARP_STATE_MASTER);
}

/* A second internal increase (counter 1 -> 2) does not force adverts. */
static void test_internal_increase_rule(void)
{
	struct carp_actions *a;
	struct carp_if_config c;

	sim_init(&S, 1, false, false);
	sim_cfg(&c, A, 0, 1, 0);
	sim_add_if(&S, A, &c);
	sim_cfg(&c, A, 1, 2, 0);
	sim_add_if(&S, A, &c);
	sim_cfg(&c, A, 2, 3, 0);
	sim_add_if(&S, A, &c);
	sim_run_until(&S, MS(5500));
	a = sim_actions(&S);
	carp_host_link(&S.host[A].h, S.now, 0, false, a); /* carp -> 1 */
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_count(&S, A, 0, CARP_ACT_SEND_ADV, S.now, S.now), 2);
	a = sim_actions(&S);
	carp_host_link(&S.host[A].h, S.now, 1, false, a); /* carp -> 2 */
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_count(&S, A, 0, CARP_ACT_SEND_ADV, S.now, S.now), 2);
	CU_ASSERT_EQUAL(carp_if_demote(&S.host[A].ifs[2]), 2);
	sim_run_until(&S, MS(6700)); /* periodic advert at 6.5 s */
	CU_ASSERT_EQUAL(last_demote(A, 3), 2);
	/* operator increases always advertise */
	a = sim_actions(&S);
	carp_host_demote(&S.host[A].h, S.now, "carp", 3, CARP_DEMOTE_OPERATOR, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(sim_count(&S, A, 3, CARP_ACT_SEND_ADV, S.now, S.now), 1);
	CU_ASSERT_EQUAL(last_demote(A, 3), 5);
}

/* User group: demoting "uplink" moves only the carp interfaces in it. */
static void test_user_group(void)
{
	struct carp_actions *a;
	uint64_t t = MS(10500);

	two_by_two(false, false, "uplink");
	sim_run_until(&S, t);
	a = sim_actions(&S);
	CU_ASSERT_EQUAL(carp_host_demote(&S.host[A].h, t, "uplink", 2, CARP_DEMOTE_OPERATOR, a), 0);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(carp_if_demote(&S.host[A].ifs[0]), 0);
	CU_ASSERT_EQUAL(carp_if_demote(&S.host[A].ifs[1]), 2);
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 1, 2), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_when(&S, B, 2, CARP_STATE_MASTER, 0), t);
	/* the wire byte is the sum over the interface's groups */
	a = sim_actions(&S);
	carp_host_demote(&S.host[B].h, S.now, "carp", 3, CARP_DEMOTE_OPERATOR, a);
	carp_host_demote(&S.host[B].h, S.now, "uplink", 4, CARP_DEMOTE_OPERATOR, a);
	sim_process(&S, B, a);
	CU_ASSERT_EQUAL(carp_if_demote(&S.host[B].ifs[1]), 7);
}

/* Boot interlock: a booting host advertises demote 128 and hands over at
 * once; after boot_done it stays BACKUP (no preempt). */
static void test_boot_demotion(void)
{
	struct carp_actions *a;
	uint16_t ledger[CARP_DEMOTE__COUNT];
	struct carp_if_config c;

	sim_init(&S, 2, false, false);
	sim_cfg(&c, B, 0, 1, 100);
	sim_add_if(&S, B, &c);
	sim_run_until(&S, SEC(10));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	/* A reboots with the interlock and the better advskew */
	{
		struct carp_host_config hc = {
		    .random = S.host[A].h.random,
		    .random_arg = S.host[A].h.random_arg,
		    .boot_demote = true,
		};
		carp_host_init(&S.host[A].h, &hc);
	}
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 128);
	CU_ASSERT_EQUAL(ledger[CARP_DEMOTE_BOOT], 128);
	sim_cfg(&c, A, 0, 1, 0);
	sim_add_if(&S, A, &c);
	sim_run_until(&S, SEC(30));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_BACKUP);
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_MASTER, 0), CARP_NEVER);
	a = sim_actions(&S);
	carp_host_boot_done(&S.host[A].h, S.now, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", ledger), 0);
	sim_run_until(&S, SEC(40));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	/* with preempt, the better host takes over after boot_done */
	carp_host_set_preempt(&S.host[A].h, true);
	sim_run_until(&S, SEC(45));
	CU_ASSERT_EQUAL(sim_state(&S, A, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(S.host[A].ifs[0].vh[0].reason, CARP_REASON_PREEMPT);
}

/* Both booting at once: the first to time out goes MASTER with demote 128
 * and loses at once to any undemoted peer. */
static void test_boot_race(void)
{
	struct carp_actions *a;

	two_by_two(false, false, NULL);
	a = sim_actions(&S);
	carp_host_demote(&S.host[A].h, 0, "carp", CARP_BOOT_DEMOTE, CARP_DEMOTE_BOOT, a);
	sim_process(&S, A, a);
	sim_run_until(&S, SEC(20));
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_MASTER, 0), SEC(3));
	CU_ASSERT_EQUAL(sim_when(&S, A, 1, CARP_STATE_BACKUP, SEC(3)), SEC(3));
	CU_ASSERT_EQUAL(sim_when(&S, B, 1, CARP_STATE_MASTER, 0), SEC(3));
	CU_ASSERT_EQUAL(sim_state(&S, B, 0, 1), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(sim_state(&S, B, 1, 2), CARP_STATE_MASTER);
}

/* The ifconfig-style status says state, time in state, why, and who
 * demotes the interface. */
static void test_status_text(void)
{
	struct carp_actions *a;
	enum carp_admin_op op;
	char buf[512];
	int n;

	two_by_two(false, false, "uplink");
	sim_run_until(&S, MS(10500));
	a = sim_actions(&S);
	carp_host_demote(&S.host[A].h, S.now, "uplink", 2, CARP_DEMOTE_OPERATOR, a);
	carp_host_link(&S.host[A].h, S.now, 0, false, a);
	sim_process(&S, A, a);
	sim_run_until(&S, MS(12750));
	n = carp_if_format(&S.host[A].ifs[1], S.now, buf, sizeof(buf));
	CU_ASSERT_EQUAL(n, (int)strlen(buf));
	CU_ASSERT_STRING_EQUAL(buf,
	                       "carp1: carpdev 1 advbase 1 balancing none demote 3 "
	                       "[carp: link 1; uplink: operator 2]\n"
	                       "\tvhid 2 BACKUP advskew 0 for 2.250s: lower demotion received\n");
	n = carp_if_format(&S.host[A].ifs[0], S.now, buf, sizeof(buf));
	CU_ASSERT_STRING_EQUAL(buf, "carp0: carpdev 0 advbase 1 balancing none demote 1 "
	                            "[carp: link 1] (carpdev link down)\n"
	                            "\tvhid 1 INIT advskew 0 for 2.250s: carpdev link down\n");
	/* truncation is safe and reports the full length */
	CU_ASSERT_EQUAL(carp_if_format(&S.host[A].ifs[0], S.now, buf, 10), n);
	CU_ASSERT_EQUAL(strlen(buf), 9);
	CU_ASSERT_EQUAL(carp_admin_op_parse("state-master", &op), 0);
	CU_ASSERT_EQUAL(op, CARP_ADMIN_FORCE_MASTER);
	CU_ASSERT_STRING_EQUAL(carp_admin_op_name(CARP_ADMIN_SET_ADVSKEW), "advskew");
	CU_ASSERT_EQUAL(carp_admin_op_parse("bogus", &op), -EINVAL);
}

/* Detach bows out of MASTER and gives back the interface's demotions. */
static void test_detach_returns_demotion(void)
{
	struct carp_actions *a;

	two_by_two(false, false, NULL);
	sim_run_until(&S, MS(10500));
	/* detaching the master bows out: B takes vhid 2 at once */
	a = sim_actions(&S);
	carp_host_detach(&S.host[A].h, &S.host[A].ifs[1], S.now, a);
	sim_process(&S, A, a);
	sim_run_until(&S, S.now);
	CU_ASSERT_EQUAL(sim_state(&S, B, 1, 2), CARP_STATE_MASTER);
	CU_ASSERT_EQUAL(S.host[B].ifs[1].vh[0].reason, CARP_REASON_BOW_OUT);
	CU_ASSERT_EQUAL(sim_count(&S, A, 2, CARP_ACT_VMAC_DEL, S.now, S.now), 1);
	CU_ASSERT_EQUAL(S.host[A].h.n_ifs, 1);
	CU_ASSERT_PTR_NULL(S.host[A].ifs[1].env);
	CU_ASSERT_EQUAL(carp_if_admin(&S.host[A].ifs[1], S.now, CARP_ADMIN_UP, 0, 0, a), -ENXIO);
	/* link-down demotion of carp0 goes away with carp0 */
	a = sim_actions(&S);
	carp_host_link(&S.host[A].h, S.now, 0, false, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", NULL), 1);
	a = sim_actions(&S);
	carp_host_detach(&S.host[A].h, &S.host[A].ifs[0], S.now, a);
	sim_process(&S, A, a);
	CU_ASSERT_EQUAL(carp_host_group_demote(&S.host[A].h, "carp", NULL), 0);
	CU_ASSERT_EQUAL(S.host[A].h.n_ifs, 0);
	CU_ASSERT_EQUAL(carp_host_next_deadline(&S.host[A].h), CARP_NEVER);
}

static uint64_t counter_rand(void *arg)
{
	return ++*(uint64_t *)arg;
}

/* The largest event fits CARP_ACTIONS_HINT: a full host (16 interfaces x
 * 32 nodes, dual stack, all MASTER) advertising at once on demotion. */
static void test_actions_hint_fits_full_host(void)
{
	static struct carp_if ifs[CARP_MAX_IFS];
	static struct carp_action buf[CARP_ACTIONS_HINT];
	uint64_t seed = 0;
	struct carp_host_config hc = {.random = counter_rand, .random_arg = &seed};
	struct carp_if_config c;
	struct carp_actions a;
	struct carp_host h;
	unsigned i, k, adv = 0;

	CU_ASSERT_EQUAL_FATAL(carp_host_init(&h, &hc), 0);
	carp_actions_init(&a, buf, CARP_ACTIONS_HINT);
	for (i = 0; i < CARP_MAX_IFS; i++) {
		sim_cfg(&c, 0, (uint16_t)i, 1, 0);
		c.n_nodes = CARP_MAX_NODES;
		for (k = 0; k < CARP_MAX_NODES; k++) {
			c.nodes[k].vhid = (uint8_t)(k + 1);
			c.nodes[k].advskew = 0;
		}
		c.addrs.n6 = 1;
		t_ip6("2001:db8::1", c.addrs.v6[0]);
		CU_ASSERT_EQUAL_FATAL(carp_if_init(&ifs[i], &c, NULL, 0), 0);
		carp_actions_clear(&a);
		CU_ASSERT_EQUAL_FATAL(carp_host_attach(&h, &ifs[i], 0, &a), 0);
		carp_actions_clear(&a);
		carp_if_admin(&ifs[i], 1, CARP_ADMIN_FORCE_MASTER, 0, 0, &a);
		CU_ASSERT_EQUAL(a.dropped, 0);
	}
	CU_ASSERT_EQUAL(carp_host_attach(&h, &ifs[0], 0, &a), -ENOSPC);
	carp_actions_clear(&a);
	carp_host_demote(&h, 2, "carp", 1, CARP_DEMOTE_OPERATOR, &a);
	for (k = 0; k < a.n; k++)
		adv += a.a[k].type == CARP_ACT_SEND_ADV;
	CU_ASSERT_EQUAL(adv, CARP_MAX_IFS * CARP_MAX_NODES * 2);
	CU_ASSERT_EQUAL(a.dropped, 0);
	CU_ASSERT_EQUAL(a.a[a.n - 1].type, CARP_ACT_DEADLINE);
	for (i = 0; i < CARP_MAX_IFS; i++)
		carp_if_fini(&ifs[i]);
}

int carp_test_register_demote(void)
{
	static const struct t_case cases[] = {
	    {"group ledger", test_ledger},
	    {"operator demotion moves every vhid", test_operator_moves_all},
	    {"operator demotion refuses overflow", test_operator_refuses_overflow},
	    {"link down moves every vhid", test_link_down_moves_all},
	    {"internal increase advertises at 1 only", test_internal_increase_rule},
	    {"user group demotion", test_user_group},
	    {"boot interlock", test_boot_demotion},
	    {"boot race", test_boot_race},
	    {"status text", test_status_text},
	    {"detach returns demotion, bows out", test_detach_returns_demotion},
	    {"actions hint fits a full host", test_actions_hint_fits_full_host},
	    {NULL, NULL},
	};
	return t_suite("carp_demote", cases);
}
