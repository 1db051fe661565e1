/* SPDX-License-Identifier: BSD-2-Clause */
/* The ifstated state machine (ifs_engine.h); the rules are ifstated.c's. */
#include <errno.h>
#include <stdlib.h>

#include "ifs_engine.h"

static void emit(struct ifs_out *out, struct ifs_out_item item)
{
	if (out->n < out->cap)
		out->v[out->n++] = item;
	else
		out->dropped++;
}

struct ifs_engine *ifs_engine_new(const struct ifs_conf *c)
{
	struct ifs_engine *e = calloc(1, sizeof(*e));
	uint32_t i;

	if (e == NULL)
		return NULL;
	e->c = c;
	e->link = calloc(c->n_ifaces + 1, sizeof(*e->link));
	e->test = calloc(c->n_tests + 1, sizeof(*e->test));
	if (e->link == NULL || e->test == NULL) {
		ifs_engine_free(e);
		errno = ENOMEM;
		return NULL;
	}
	for (i = 0; i < c->n_ifaces; i++)
		e->link[i] = IFS_LINK_NONE;
	for (i = 0; i < c->n_tests; i++) {
		e->test[i].status = -1;
		e->test[i].next_us = IFS_NEVER;
	}
	e->cur = e->next = IFS_NO_STATE;
	e->last = (struct ifs_transition){IFS_NO_STATE, IFS_NO_STATE, 0};
	return e;
}

void ifs_engine_free(struct ifs_engine *e)
{
	if (e == NULL)
		return;
	free(e->link);
	free(e->test);
	free(e);
}

static uint32_t block_runs(const struct ifs_block *b)
{
	const struct ifs_action *a;
	uint32_t n = 0;

	for (a = b->first; a != NULL; a = a->next) {
		if (a->type == IFS_ACTION_RUN)
			n++;
		else if (a->type == IFS_ACTION_IF)
			n += block_runs(&a->u.cond.then);
	}
	return n;
}

uint32_t ifs_out_bound(const struct ifs_conf *c)
{
	uint32_t i, tests = 0, runs = 0, n;

	for (i = 1; i < c->n_states; i++) {
		if (c->states[i].n_tests > tests)
			tests = c->states[i].n_tests;
		n = block_runs(&c->states[i].init) + block_runs(&c->states[i].body);
		if (n > runs)
			runs = n;
	}
	/* Worst event: every test killed and started (start, timeout), the
	 * global body, the current body, then IFS_CHAIN_MAX changes (kill the
	 * old tests, one STATE, start the new, init and body) and a LOOP. */
	return 2 * c->n_tests + block_runs(&c->states[IFS_GLOBAL_STATE].body) + runs +
	       IFS_CHAIN_MAX * (2 * tests + 1 + runs) + 1;
}

static bool eval(const struct ifs_engine *e, const struct ifs_expr *x)
{
	switch (x->type) {
	case IFS_EXPR_LINK:
		return e->link[x->u.link.iface] == x->u.link.want;
	case IFS_EXPR_TEST:
		return e->test[x->u.test].status == 0;
	case IFS_EXPR_NOT:
		return !eval(e, x->u.arg[0]);
	case IFS_EXPR_AND:
		return eval(e, x->u.arg[0]) && eval(e, x->u.arg[1]);
	case IFS_EXPR_OR:
		return eval(e, x->u.arg[0]) || eval(e, x->u.arg[1]);
	}
	return false;
}

/* Run the actions of B: commands are emitted, set-state is noted. */
static void run_block(struct ifs_engine *e, const struct ifs_block *b, struct ifs_out *out)
{
	const struct ifs_action *a;

	for (a = b->first; a != NULL; a = a->next) {
		switch (a->type) {
		case IFS_ACTION_RUN:
			e->runs++;
			emit(out, (struct ifs_out_item){
			              .type = IFS_OUT_RUN, .cmd = a->u.cmd, .line = a->line});
			break;
		case IFS_ACTION_SET_STATE:
			e->next = a->u.state; /* the last one wins */
			break;
		case IFS_ACTION_IF:
			if (eval(e, a->u.cond.cond))
				run_block(e, &a->u.cond.then, out);
			break;
		}
	}
}

/* Every test of state S has reported since S was entered. */
static bool ready(const struct ifs_engine *e, uint32_t s)
{
	const struct ifs_state *st = &e->c->states[s];
	uint32_t i;

	for (i = 0; i < st->n_tests; i++)
		if (!e->test[st->tests[i]].reported)
			return false;
	return true;
}

/* A running test's run is killed (its result, if any, will be ignored). */
static void test_kill(struct ifs_engine *e, uint32_t t, enum ifs_kill_why why, struct ifs_out *out)
{
	struct ifs_test_rt *rt = &e->test[t];

	if (!rt->running)
		return;
	rt->running = false;
	rt->kills++;
	emit(out, (struct ifs_out_item){.type = IFS_OUT_TEST_KILL,
	                                .cmd = e->c->tests[t].cmd,
	                                .test = t,
	                                .run = rt->run,
	                                .why = why});
}

static void test_start(struct ifs_engine *e, uint32_t t, struct ifs_out *out)
{
	struct ifs_test_rt *rt = &e->test[t];

	test_kill(e, t, IFS_KILL_OVERDUE, out);
	rt->running = true;
	rt->run++;
	rt->runs++;
	emit(out,
	     (struct ifs_out_item){
	         .type = IFS_OUT_TEST_START, .cmd = e->c->tests[t].cmd, .test = t, .run = rt->run});
}

/* State S becomes active: its tests start now and then every N s. */
static void tests_activate(struct ifs_engine *e, uint32_t s, uint64_t now, struct ifs_out *out)
{
	const struct ifs_state *st = &e->c->states[s];
	struct ifs_test_rt *rt;
	uint32_t i;

	for (i = 0; i < st->n_tests; i++) {
		rt = &e->test[st->tests[i]];
		rt->active = true;
		rt->reported = false;
		test_start(e, st->tests[i], out);
		rt->next_us = now + (uint64_t)e->c->tests[st->tests[i]].every_s * 1000000;
	}
}

/* State S is left: its running tests are killed, its timers stop. */
static void tests_deactivate(struct ifs_engine *e, uint32_t s, struct ifs_out *out)
{
	const struct ifs_state *st = &e->c->states[s];
	uint32_t i;

	for (i = 0; i < st->n_tests; i++) {
		test_kill(e, st->tests[i], IFS_KILL_STATE_LEFT, out);
		e->test[st->tests[i]].active = false;
		e->test[st->tests[i]].next_us = IFS_NEVER;
	}
}

/* Take pending set-states until a state stays (ifstated's
 * `while (state_change()) do_action(body)`), at most IFS_CHAIN_MAX. */
static void change_state(struct ifs_engine *e, uint64_t now, struct ifs_out *out)
{
	unsigned chain = 0;
	uint32_t to;

	while (e->next != IFS_NO_STATE && e->next != e->cur) {
		to = e->next;
		e->next = IFS_NO_STATE;
		if (chain++ == IFS_CHAIN_MAX) {
			e->loops++;
			emit(out,
			     (struct ifs_out_item){.type = IFS_OUT_LOOP, .from = e->cur, .to = to});
			return;
		}
		if (e->cur != IFS_NO_STATE)
			tests_deactivate(e, e->cur, out);
		emit(out, (struct ifs_out_item){.type = IFS_OUT_STATE, .from = e->cur, .to = to});
		e->last = (struct ifs_transition){e->cur, to, now};
		e->transitions++;
		e->cur = to;
		e->entered_us = now;
		tests_activate(e, to, now, out);
		run_block(e, &e->c->states[to].init, out);
		if (ready(e, to))
			run_block(e, &e->c->states[to].body, out);
	}
	e->next = IFS_NO_STATE;
}

/* Something state S watches changed: its body runs (once its tests have
 * all reported), then any set-state it made. */
static void eval_state(struct ifs_engine *e, uint32_t s, uint64_t now, struct ifs_out *out)
{
	if (!ready(e, s))
		return;
	run_block(e, &e->c->states[s].body, out);
	change_state(e, now, out);
}

static bool names_iface(const struct ifs_state *st, uint32_t iface)
{
	uint32_t i;

	for (i = 0; i < st->n_ifaces; i++)
		if (st->ifaces[i] == iface)
			return true;
	return false;
}

void ifs_engine_link(struct ifs_engine *e, uint32_t iface, enum ifs_link link, uint64_t now,
                     struct ifs_out *out)
{
	if (iface >= e->c->n_ifaces || e->link[iface] == link)
		return;
	e->link[iface] = link;
	if (!e->started)
		return;
	/* the global body first, then the current state's (ifstated's scan_ifstate) */
	if (names_iface(&e->c->states[IFS_GLOBAL_STATE], iface))
		eval_state(e, IFS_GLOBAL_STATE, now, out);
	if (e->cur != IFS_NO_STATE && names_iface(&e->c->states[e->cur], iface))
		eval_state(e, e->cur, now, out);
}

void ifs_engine_start(struct ifs_engine *e, uint64_t now, struct ifs_out *out)
{
	if (e->started)
		return;
	e->started = true;
	tests_activate(e, IFS_GLOBAL_STATE, now, out);
	eval_state(e, IFS_GLOBAL_STATE, now, out);
	if (e->c->init_state != IFS_GLOBAL_STATE) {
		e->next = e->c->init_state;
		change_state(e, now, out);
	}
}

void ifs_engine_test_done(struct ifs_engine *e, uint32_t test, uint32_t run, int status,
                          uint64_t now, struct ifs_out *out)
{
	struct ifs_test_rt *rt;
	bool was_ready, changed;
	uint32_t s;

	if (test >= e->c->n_tests)
		return;
	rt = &e->test[test];
	if (!rt->running || rt->run != run)
		return; /* killed, or its state was left */
	rt->running = false;
	if (status < 0) { /* ifstated: "exited abnormally", nothing learnt */
		rt->abnormal++;
		return;
	}
	s = e->c->tests[test].state;
	was_ready = ready(e, s);
	rt->reported = true;
	rt->last_us = now;
	changed = rt->status != status;
	rt->status = status;
	/* A change re-runs the body; so does the last first result since
	 * entry (ifstated runs the body on entry, after the tests ran). */
	if (changed || !was_ready)
		eval_state(e, s, now, out);
}

void ifs_engine_timeout(struct ifs_engine *e, uint64_t now, struct ifs_out *out)
{
	struct ifs_test_rt *rt;
	uint64_t every;
	uint32_t t;

	for (t = 0; t < e->c->n_tests; t++) {
		rt = &e->test[t];
		if (!rt->active || rt->next_us > now)
			continue;
		test_start(e, t, out);
		every = (uint64_t)e->c->tests[t].every_s * 1000000;
		rt->next_us += every;
		if (rt->next_us <= now) /* fell behind: no burst of catch-up runs */
			rt->next_us = now + every;
	}
}

uint64_t ifs_engine_deadline(const struct ifs_engine *e)
{
	uint64_t d = IFS_NEVER;
	uint32_t t;

	for (t = 0; t < e->c->n_tests; t++)
		if (e->test[t].active && e->test[t].next_us < d)
			d = e->test[t].next_us;
	return d;
}

const char *ifs_engine_state_name(const struct ifs_engine *e)
{
	return e->cur == IFS_NO_STATE ? "" : e->c->states[e->cur].name;
}
