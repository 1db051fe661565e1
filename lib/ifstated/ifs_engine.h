/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ifstated state machine, sans I/O: it takes link changes, external
 * test results and the time, and returns what to do (run a command, start
 * or kill an external test, the state changed). It never runs anything,
 * reads no clock and allocates nothing after ifs_engine_new. Semantics of
 * OpenBSD's ifstated.c:
 *
 * - Start: the global tests start, then the initial state is entered.
 * - Entering a state: the old state's running tests are killed, the new
 *   state's tests start at once and then every N s, its init block runs,
 *   then its body. set-state in either enters the next state, and so on
 *   until a state stays; a chain is bounded (IFS_CHAIN_MAX changes per
 *   event, then IFS_OUT_LOOP and the machine stays where it is).
 * - The body of the global pseudo-state and of the current state runs again
 *   whenever the link of an interface it names changes, or the exit status
 *   of one of its tests changes; not before each of its tests has reported
 *   once since the state was entered (ifstated's eval_state guard).
 * - A test still running at its next tick is killed and started again
 *   (ifstated SIGKILLs it); a killed or abnormal run changes nothing.
 *
 * One deviation, because tests run asynchronously here (ifstated waits for
 * their first run on entry): an init block sees the tests' values from the
 * state's previous visit (false if never run).
 *
 * Time is in microseconds of any monotonic clock. One thread drives an
 * engine; the query functions are for that thread too.
 */
#ifndef IFS_ENGINE_H
#define IFS_ENGINE_H

#include <stdbool.h>
#include <stdint.h>

#include "ifs_conf.h"

#define IFS_NEVER     UINT64_MAX
#define IFS_CHAIN_MAX 16 /* state changes per event */
#define IFS_NO_STATE  UINT32_MAX

enum ifs_out_type {
	IFS_OUT_RUN,        /* run cmd (ifstated: system(), in order) */
	IFS_OUT_STATE,      /* the state changed: from -> to */
	IFS_OUT_TEST_START, /* start test's cmd as run number `run` */
	IFS_OUT_TEST_KILL,  /* kill test's run `run` (why: overdue or state left) */
	IFS_OUT_LOOP,       /* chain of set-state cut at IFS_CHAIN_MAX: from -> to not taken */
};

enum ifs_kill_why {
	IFS_KILL_OVERDUE,    /* still running at its next tick */
	IFS_KILL_STATE_LEFT, /* its state is no longer current */
};

struct ifs_out_item {
	enum ifs_out_type type;
	const char *cmd;   /* RUN, TEST_START, TEST_KILL: owned by the conf */
	int line;          /* RUN: the action's line */
	uint32_t test;     /* TEST_*: index into conf->tests */
	uint32_t run;      /* TEST_*: which run (results of older runs are ignored) */
	uint32_t from, to; /* STATE, LOOP: state indices (from IFS_NO_STATE at start) */
	enum ifs_kill_why why;
};

/* Filled by each call; items beyond cap are counted in dropped (a cap of
 * ifs_out_bound() never drops). */
struct ifs_out {
	struct ifs_out_item *v;
	uint32_t n, cap, dropped;
};

/* Runtime of one external test (read by telemetry through ifs_engine_test). */
struct ifs_test_rt {
	bool active;      /* its state is the global one or current */
	bool running;     /* started, no result yet */
	bool reported;    /* a result since its state was entered */
	int status;       /* last exit status; -1: none yet */
	uint32_t run;     /* the current or last run */
	uint64_t next_us; /* next start when active */
	uint64_t last_us; /* when the last result came */
	uint64_t runs, kills, abnormal;
};

struct ifs_transition {
	uint32_t from, to; /* from IFS_NO_STATE: the initial state */
	uint64_t at_us;
};

struct ifs_engine {
	const struct ifs_conf *c;
	enum ifs_link *link; /* per conf->ifaces */
	struct ifs_test_rt *test;
	bool started;
	uint32_t cur, next; /* states; IFS_NO_STATE before start / none pending */
	uint64_t entered_us;
	struct ifs_transition last;
	uint64_t transitions, loops, runs;
};

/* An engine for C (which must outlive it); NULL with errno on failure. */
struct ifs_engine *ifs_engine_new(const struct ifs_conf *c);
void ifs_engine_free(struct ifs_engine *e);
/* Output items one event can produce at most. */
uint32_t ifs_out_bound(const struct ifs_conf *c);

/* Set interface IFACE's link. Before start this only records it (the
 * initial values); afterwards a change runs the bodies that name it. */
void ifs_engine_link(struct ifs_engine *e, uint32_t iface, enum ifs_link link, uint64_t now,
                     struct ifs_out *out);
/* Start the global tests and enter the initial state. Once. */
void ifs_engine_start(struct ifs_engine *e, uint64_t now, struct ifs_out *out);
/* Run RUN of TEST ended: STATUS is its exit status (0 = true), or -1 when
 * it was killed or ended abnormally. A result for another run is ignored. */
void ifs_engine_test_done(struct ifs_engine *e, uint32_t test, uint32_t run, int status,
                          uint64_t now, struct ifs_out *out);
/* Start the tests that are due (killing those still running). */
void ifs_engine_timeout(struct ifs_engine *e, uint64_t now, struct ifs_out *out);
/* When ifs_engine_timeout next has something to do, or IFS_NEVER. */
uint64_t ifs_engine_deadline(const struct ifs_engine *e);

/* The current state's name ("" before start or with no states). */
const char *ifs_engine_state_name(const struct ifs_engine *e);

#endif /* IFS_ENGINE_H */
