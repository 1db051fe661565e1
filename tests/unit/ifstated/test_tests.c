/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * External tests ("command" every N) on a virtual clock: started on state
 * entry and every N s, the body held until each has reported, re-run on a
 * status change, overdue runs killed, tests of a left state killed, stale
 * and abnormal results ignored.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "ifs_test.h"

#define S 1000000ull

/* An uplink check that demotes (scenario b of the lab). */
static const char uplink[] = "state ok {\n"
                             "  init run undemote\n"
                             "  if ! \"check\" every 5 set-state bad\n"
                             "}\n"
                             "state bad {\n"
                             "  init run demote\n"
                             "  if \"check\" every 5 set-state ok\n"
                             "}\n";

static void test_demote_on_failure(void)
{
	struct ifs_rig r;
	uint32_t t_ok, t_bad;

	CU_ASSERT_FATAL(ifs_rig_init(&r, uplink) == 0);
	t_ok = ifs_rig_test(&r, "ok", "check");
	t_bad = ifs_rig_test(&r, "bad", "check");
	CU_ASSERT_FATAL(t_ok != UINT32_MAX && t_bad != UINT32_MAX && t_ok != t_bad);

	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "STATE ->ok; START check#1; RUN undemote");
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), 5 * S);
	/* passes: the body runs (first result), nothing to do */
	ifs_engine_test_done(r.e, t_ok, 1, 0, 1 * S / 10, ifs_rig_out(&r));
	LOG_IS(&r, "");
	CU_ASSERT_EQUAL(r.e->test[t_ok].status, 0);
	/* not due yet */
	ifs_engine_timeout(r.e, 4 * S, ifs_rig_out(&r));
	LOG_IS(&r, "");
	ifs_engine_timeout(r.e, 5 * S, ifs_rig_out(&r));
	LOG_IS(&r, "START check#2");
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), 10 * S);
	/* fails: ok -> bad; bad's own test starts */
	ifs_engine_test_done(r.e, t_ok, 2, 1, 5 * S + 1, ifs_rig_out(&r));
	LOG_IS(&r, "STATE ok>bad; START check#1; RUN demote");
	CU_ASSERT_STRING_EQUAL(ifs_engine_state_name(r.e), "bad");
	/* ok's test is off: only bad's is scheduled, from entry */
	CU_ASSERT_FALSE(r.e->test[t_ok].active);
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), 10 * S + 1);
	ifs_engine_test_done(r.e, t_bad, 1, 1, 5 * S + 2, ifs_rig_out(&r));
	LOG_IS(&r, "");
	ifs_engine_timeout(r.e, 10 * S + 1, ifs_rig_out(&r));
	LOG_IS(&r, "START check#2");
	ifs_engine_test_done(r.e, t_bad, 2, 0, 10 * S + 2, ifs_rig_out(&r));
	LOG_IS(&r, "STATE bad>ok; START check#3; RUN undemote");
	ifs_rig_free(&r);
}

/* The body waits until every test of the state has reported since entry. */
static void test_body_waits_for_tests(void)
{
	struct ifs_rig r;
	uint32_t a, b;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "state one {\n"
	                                 "  if \"a\" every 10 && \"b\" every 10 run both\n"
	                                 "  if carp0.link.up run \"up\"\n"
	                                 "}\n") == 0);
	a = ifs_rig_test(&r, "one", "a");
	b = ifs_rig_test(&r, "one", "b");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "STATE ->one; START a#1; START b#1");
	ifs_engine_link(r.e, ifs_rig_iface(&r, "carp0"), IFS_LINK_UP, 1, ifs_rig_out(&r));
	LOG_IS(&r, ""); /* held: a and b not known yet */
	ifs_engine_test_done(r.e, a, 1, 0, 2, ifs_rig_out(&r));
	LOG_IS(&r, "");
	ifs_engine_test_done(r.e, b, 1, 0, 3, ifs_rig_out(&r));
	LOG_IS(&r, "RUN both; RUN up");
	ifs_rig_free(&r);
}

/* Any change of exit status re-runs the body, even 1 -> 2 (ifstated
 * compares statuses); the same status does not. */
static void test_status_change(void)
{
	struct ifs_rig r;
	uint32_t t;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "if ! \"t\" every 1 run failing\n") == 0);
	t = ifs_rig_test(&r, "", "t");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "START t#1");
	ifs_engine_test_done(r.e, t, 1, 1, 1, ifs_rig_out(&r));
	LOG_IS(&r, "RUN failing");
	ifs_engine_timeout(r.e, 1 * S, ifs_rig_out(&r));
	ifs_engine_test_done(r.e, t, 2, 1, 1 * S + 1, ifs_rig_out(&r));
	LOG_IS(&r, "");
	ifs_engine_timeout(r.e, 2 * S, ifs_rig_out(&r));
	ifs_engine_test_done(r.e, t, 3, 2, 2 * S + 1, ifs_rig_out(&r));
	LOG_IS(&r, "RUN failing");
	CU_ASSERT_EQUAL(r.e->test[t].runs, 3);
	CU_ASSERT_EQUAL(r.e->test[t].last_us, 2 * S + 1);
	ifs_rig_free(&r);
}

/* Still running at its next tick: killed (ifstated SIGKILLs it), started
 * again; the killed run's late result is ignored. */
static void test_overdue_killed(void)
{
	struct ifs_rig r;
	uint32_t t;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "if \"slow\" every 2 run ok\n") == 0);
	t = ifs_rig_test(&r, "", "slow");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "START slow#1");
	ifs_engine_timeout(r.e, 2 * S, ifs_rig_out(&r));
	LOG_IS(&r, "KILL slow#1 overdue; START slow#2");
	CU_ASSERT_EQUAL(r.e->test[t].kills, 1);
	ifs_engine_test_done(r.e, t, 1, 0, 2 * S + 1, ifs_rig_out(&r));
	LOG_IS(&r, "");
	CU_ASSERT_EQUAL(r.e->test[t].status, -1);
	ifs_engine_test_done(r.e, t, 2, 0, 2 * S + 2, ifs_rig_out(&r));
	LOG_IS(&r, "RUN ok");
	ifs_rig_free(&r);
}

/* Killed by a signal or ended abnormally: nothing learnt, still not ready. */
static void test_abnormal_ignored(void)
{
	struct ifs_rig r;
	uint32_t t;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "if ! \"t\" every 3 run failing\n") == 0);
	t = ifs_rig_test(&r, "", "t");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	ifs_engine_test_done(r.e, t, 1, -1, 1, ifs_rig_out(&r));
	LOG_IS(&r, "");
	CU_ASSERT_EQUAL(r.e->test[t].abnormal, 1);
	CU_ASSERT_FALSE(r.e->test[t].reported);
	CU_ASSERT_FALSE(r.e->test[t].running);
	/* the next tick starts it without a kill */
	ifs_engine_timeout(r.e, 3 * S, ifs_rig_out(&r));
	LOG_IS(&r, "START t#2");
	ifs_rig_free(&r);
}

/* Leaving a state kills its running tests; their results are ignored. */
static void test_left_state_killed(void)
{
	struct ifs_rig r;
	uint32_t t;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "state a {\n"
	                                 "  if carp0.link.up set-state b\n"
	                                 "  if \"t\" every 4 run x\n"
	                                 "}\n"
	                                 "state b {\n"
	                                 "  if carp0.link.down set-state a\n"
	                                 "}\n") == 0);
	t = ifs_rig_test(&r, "a", "t");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	ifs_engine_test_done(r.e, t, 1, 1, 1, ifs_rig_out(&r));
	ifs_engine_timeout(r.e, 4 * S, ifs_rig_out(&r));
	LOG_IS(&r, "START t#2");
	/* t reported once since entry: the body runs while t#2 is running */
	ifs_engine_link(r.e, 0, IFS_LINK_UP, 4 * S + 1, ifs_rig_out(&r));
	LOG_IS(&r, "KILL t#2 left; STATE a>b");
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), IFS_NEVER);
	ifs_engine_test_done(r.e, t, 2, 0, 4 * S + 2, ifs_rig_out(&r));
	LOG_IS(&r, "");
	/* back in a: t starts again at once, the body waits for it */
	ifs_engine_link(r.e, 0, IFS_LINK_DOWN, 5 * S, ifs_rig_out(&r));
	LOG_IS(&r, "STATE b>a; START t#3");
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), 9 * S);
	ifs_rig_free(&r);
}

/* A late timeout call starts a test once, not once per missed tick. */
static void test_no_catch_up_burst(void)
{
	struct ifs_rig r;
	uint32_t t;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "if \"t\" every 5 run x\n") == 0);
	t = ifs_rig_test(&r, "", "t");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	ifs_engine_test_done(r.e, t, 1, 0, 1, ifs_rig_out(&r));
	ifs_engine_timeout(r.e, 17 * S, ifs_rig_out(&r));
	LOG_IS(&r, "START t#2");
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), 22 * S);
	ifs_rig_free(&r);
}

int ifs_test_tests_suite(void)
{
	CU_pSuite s = CU_add_suite("ifstated_tests", NULL, NULL);

	if (s == NULL ||
	    !CU_add_test(s, "failing test demotes, passing undemotes", test_demote_on_failure) ||
	    !CU_add_test(s, "body waits for every test", test_body_waits_for_tests) ||
	    !CU_add_test(s, "status change re-runs the body", test_status_change) ||
	    !CU_add_test(s, "overdue run killed", test_overdue_killed) ||
	    !CU_add_test(s, "abnormal end ignored", test_abnormal_ignored) ||
	    !CU_add_test(s, "left state's tests killed", test_left_state_killed) ||
	    !CU_add_test(s, "late timeout: one start", test_no_catch_up_burst))
		return -1;
	return 0;
}
