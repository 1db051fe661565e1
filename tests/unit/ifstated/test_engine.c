/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The state machine on link changes: entering states (init, then body),
 * re-evaluation on a change of a named interface only, set-state chains
 * and their bound, the global pseudo-state, carp's up/down/unknown.
 */
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "ifs_test.h"

#define S 1000000ull /* one second in microseconds */

/* What a failover setup looks like: a service on the master only. */
static const char failover[] = "state backup {\n"
                               "  init run \"stop\"\n"
                               "  if carp0.link.up set-state master\n"
                               "}\n"
                               "state master {\n"
                               "  init run \"start\"\n"
                               "  if ! carp0.link.up set-state backup\n"
                               "}\n";

static void test_failover(void)
{
	struct ifs_rig r;
	uint32_t carp0;

	CU_ASSERT_FATAL(ifs_rig_init(&r, failover) == 0);
	carp0 = ifs_rig_iface(&r, "carp0");
	/* before start: only recorded */
	ifs_engine_link(r.e, carp0, IFS_LINK_DOWN, 0, ifs_rig_out(&r));
	LOG_IS(&r, "");
	CU_ASSERT_STRING_EQUAL(ifs_engine_state_name(r.e), "");
	ifs_engine_start(r.e, 1 * S, ifs_rig_out(&r));
	LOG_IS(&r, "STATE ->backup; RUN stop");
	CU_ASSERT_STRING_EQUAL(ifs_engine_state_name(r.e), "backup");
	/* BACKUP -> MASTER */
	ifs_engine_link(r.e, carp0, IFS_LINK_UP, 2 * S, ifs_rig_out(&r));
	LOG_IS(&r, "STATE backup>master; RUN start");
	CU_ASSERT_EQUAL(r.e->last.from, 1);
	CU_ASSERT_EQUAL(r.e->last.to, 2);
	CU_ASSERT_EQUAL(r.e->last.at_us, 2 * S);
	/* the same value again: nothing */
	ifs_engine_link(r.e, carp0, IFS_LINK_UP, 3 * S, ifs_rig_out(&r));
	LOG_IS(&r, "");
	/* MASTER -> INIT (unknown): not up, back to backup */
	ifs_engine_link(r.e, carp0, IFS_LINK_UNKNOWN, 4 * S, ifs_rig_out(&r));
	LOG_IS(&r, "STATE master>backup; RUN stop");
	/* INIT -> BACKUP while in backup: body runs, nothing to do */
	ifs_engine_link(r.e, carp0, IFS_LINK_DOWN, 5 * S, ifs_rig_out(&r));
	LOG_IS(&r, "");
	CU_ASSERT_EQUAL(r.e->transitions, 3);
	CU_ASSERT_EQUAL(r.e->runs, 3);
	CU_ASSERT_EQUAL(ifs_engine_deadline(r.e), IFS_NEVER);
	ifs_rig_free(&r);
}

/* Started while already MASTER: the initial state's body moves on at once. */
static void test_start_master(void)
{
	struct ifs_rig r;

	CU_ASSERT_FATAL(ifs_rig_init(&r, failover) == 0);
	ifs_engine_link(r.e, ifs_rig_iface(&r, "carp0"), IFS_LINK_UP, 0, ifs_rig_out(&r));
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "STATE ->backup; RUN stop; STATE backup>master; RUN start");
	ifs_rig_free(&r);
}

/* A link nobody reported yet is none of up, down, unknown. */
static void test_link_none(void)
{
	struct ifs_rig r;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "if carp0.link.up run \"up\"\n"
	                                 "if carp0.link.down run \"down\"\n"
	                                 "if carp0.link.unknown run \"unknown\"\n"
	                                 "if ! carp0.link.up && ! carp0.link.down && ! "
	                                 "carp0.link.unknown run none\n") == 0);
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "RUN none");
	ifs_engine_link(r.e, 0, IFS_LINK_UNKNOWN, 1, ifs_rig_out(&r));
	LOG_IS(&r, "RUN unknown");
	ifs_engine_link(r.e, 0, IFS_LINK_DOWN, 2, ifs_rig_out(&r));
	LOG_IS(&r, "RUN down");
	ifs_engine_link(r.e, 0, IFS_LINK_UP, 3, ifs_rig_out(&r));
	LOG_IS(&r, "RUN up");
	ifs_rig_free(&r);
}

/* A body runs when an interface IT names changes, global body first
 * (ifstated's scan_ifstate), and not for interfaces it does not name. */
static void test_named_only(void)
{
	struct ifs_rig r;
	uint32_t lan0, carp0, srv0;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "if lan0.link.up || ! lan0.link.up run global\n"
	                                 "state one {\n"
	                                 "  if carp0.link.up || lan0.link.down run one\n"
	                                 "}\n"
	                                 "state two {\n"
	                                 "  if srv0.link.up run two\n"
	                                 "}\n") == 0);
	lan0 = ifs_rig_iface(&r, "lan0");
	carp0 = ifs_rig_iface(&r, "carp0");
	srv0 = ifs_rig_iface(&r, "srv0");
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "RUN global; STATE ->one");
	ifs_engine_link(r.e, lan0, IFS_LINK_DOWN, 1, ifs_rig_out(&r));
	LOG_IS(&r, "RUN global; RUN one");
	ifs_engine_link(r.e, carp0, IFS_LINK_DOWN, 2, ifs_rig_out(&r));
	LOG_IS(&r, "RUN one"); /* lan0 still down: true again, run again */
	ifs_engine_link(r.e, srv0, IFS_LINK_UP, 3, ifs_rig_out(&r));
	LOG_IS(&r, ""); /* only state two names srv0 */
	ifs_rig_free(&r);
}

/* Nested ifs, several set-states: the last one wins (ifstated's nextstate). */
static void test_nested_last_wins(void)
{
	struct ifs_rig r;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "state a {\n"
	                                 "  if carp0.link.up {\n"
	                                 "    run outer\n"
	                                 "    set-state b\n"
	                                 "    if carp1.link.up {\n"
	                                 "      run inner\n"
	                                 "      set-state c\n"
	                                 "    }\n"
	                                 "    run after\n"
	                                 "  }\n"
	                                 "}\n"
	                                 "state b {\n init run b\n}\n"
	                                 "state c {\n init run c\n}\n") == 0);
	ifs_engine_link(r.e, ifs_rig_iface(&r, "carp1"), IFS_LINK_UP, 0, ifs_rig_out(&r));
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "STATE ->a");
	ifs_engine_link(r.e, ifs_rig_iface(&r, "carp0"), IFS_LINK_UP, 1, ifs_rig_out(&r));
	LOG_IS(&r, "RUN outer; RUN inner; RUN after; STATE a>c; RUN c");
	ifs_rig_free(&r);
}

/* Entering a state runs init, then the body; set-state in either goes on. */
static void test_chain(void)
{
	struct ifs_rig r;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "init-state a\n"
	                                 "state z {\n init run z\n}\n"
	                                 "state a {\n init { run a\n set-state b }\n}\n"
	                                 "state b {\n init run b\n if carp0.link.down set-state "
	                                 "c\n}\n"
	                                 "state c {\n init run c\n set-state c\n}\n") == 0);
	ifs_engine_link(r.e, 0, IFS_LINK_DOWN, 0, ifs_rig_out(&r));
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	/* set-state to the current state is nothing */
	LOG_IS(&r, "STATE ->a; RUN a; STATE a>b; RUN b; STATE b>c; RUN c");
	CU_ASSERT_STRING_EQUAL(ifs_engine_state_name(r.e), "c");
	ifs_rig_free(&r);
}

/* Two states that send each other on: cut after IFS_CHAIN_MAX changes,
 * reported, and the machine stays where it got to. */
static void test_loop_bounded(void)
{
	struct ifs_rig r;
	char want[1024];
	int n = 0, i;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "state a {\n init set-state b\n}\n"
	                                 "state b {\n init run b\n set-state a\n}\n") == 0);
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	n += snprintf(want + n, sizeof(want) - (size_t)n, "STATE ->a");
	for (i = 1; i < IFS_CHAIN_MAX; i++)
		n += snprintf(want + n, sizeof(want) - (size_t)n,
		              i % 2 ? "; STATE a>b; RUN b" : "; STATE b>a");
	n += snprintf(want + n, sizeof(want) - (size_t)n, "; LOOP b>a");
	LOG_IS(&r, want);
	CU_ASSERT_EQUAL(r.out.dropped, 0);
	CU_ASSERT_EQUAL(r.e->loops, 1);
	CU_ASSERT_EQUAL(r.e->transitions, IFS_CHAIN_MAX);
	CU_ASSERT_STRING_EQUAL(ifs_engine_state_name(r.e), "b");
	ifs_rig_free(&r);
}

/* A full output buffer counts what did not fit. */
static void test_out_dropped(void)
{
	struct ifs_rig r;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "run a\nrun b\nrun c\n") == 0);
	r.out.cap = 2;
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	LOG_IS(&r, "RUN a; RUN b; DROPPED 1");
	ifs_rig_free(&r);
}

/* ifs_out_bound covers the worst event of a config with tests and runs. */
static void test_out_bound(void)
{
	struct ifs_rig r;

	CU_ASSERT_FATAL(ifs_rig_init(&r, "run g\n"
	                                 "state a {\n init { run a1\n run a2\n set-state b }\n"
	                                 " if \"t1\" every 1 run x\n if \"t2\" every 1 run y\n}\n"
	                                 "state b {\n init { run b1\n set-state a }\n}\n") == 0);
	ifs_engine_start(r.e, 0, ifs_rig_out(&r));
	CU_ASSERT_EQUAL(r.out.dropped, 0);
	CU_ASSERT(r.out.n > 2 * IFS_CHAIN_MAX);
	ifs_rig_free(&r);
}

int ifs_test_engine_suite(void)
{
	CU_pSuite s = CU_add_suite("ifstated_engine", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "failover: service on the master", test_failover) ||
	    !CU_add_test(s, "start as MASTER", test_start_master) ||
	    !CU_add_test(s, "unreported link is none", test_link_none) ||
	    !CU_add_test(s, "bodies naming the interface only", test_named_only) ||
	    !CU_add_test(s, "nested if, last set-state wins", test_nested_last_wins) ||
	    !CU_add_test(s, "init then body, chains", test_chain) ||
	    !CU_add_test(s, "set-state loop bounded", test_loop_bounded) ||
	    !CU_add_test(s, "output overflow counted", test_out_dropped) ||
	    !CU_add_test(s, "output bound", test_out_bound))
		return -1;
	return 0;
}
