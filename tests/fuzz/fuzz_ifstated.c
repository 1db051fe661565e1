/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: lib/ifstated's parser on arbitrary text and, when it
 * parses, the state machine driven by events drawn from the same bytes.
 * Besides "no crash, no sanitizer report, no leak" it checks the promises:
 * a rejected text reports at least one error, every error is
 * "FILE:LINE: reason" with a line inside the text; an engine never drops
 * output with a buffer of ifs_out_bound(), its items name existing tests
 * and states, tests start only while their state is active.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifs_conf.h"
#include "ifs_engine.h"

#include "fuzz_check.h"

struct errs {
	unsigned n;
	int max_line;
};

static void on_error(void *arg, const char *file, int line, const char *reason)
{
	struct errs *e = arg;

	CHECK(strcmp(file, "f.conf") == 0);
	CHECK(line >= 0 && line <= e->max_line);
	CHECK(reason[0] != '\0');
	e->n++;
}

/* Interfaces named "carp..." or "lan..." exist; others are unknown. */
static bool known(void *arg, const char *name)
{
	(void)arg;
	return strncmp(name, "carp", 4) == 0 || strncmp(name, "lan", 3) == 0;
}

static void check_out(const struct ifs_engine *e, const struct ifs_out *out)
{
	const struct ifs_conf *c = e->c;
	uint32_t i;

	CHECK(out->dropped == 0);
	for (i = 0; i < out->n; i++) {
		const struct ifs_out_item *o = &out->v[i];

		switch (o->type) {
		case IFS_OUT_RUN:
			CHECK(o->cmd != NULL);
			break;
		case IFS_OUT_STATE:
		case IFS_OUT_LOOP:
			CHECK(o->to >= 1 && o->to < c->n_states);
			CHECK(o->from == IFS_NO_STATE || (o->from >= 1 && o->from < c->n_states));
			break;
		case IFS_OUT_TEST_START:
		case IFS_OUT_TEST_KILL:
			CHECK(o->test < c->n_tests && o->cmd == c->tests[o->test].cmd);
			break;
		}
	}
	CHECK(e->cur == IFS_NO_STATE || e->cur < c->n_states);
	for (i = 0; i < c->n_tests; i++) {
		uint32_t s = c->tests[i].state;

		CHECK(e->test[i].active == (s == IFS_GLOBAL_STATE || s == e->cur));
		CHECK(!e->test[i].running || e->test[i].active);
	}
}

/* Events from BYTES: link changes, test results (right or stale run), time. */
static void drive(struct ifs_engine *e, const uint8_t *p, size_t n)
{
	const struct ifs_conf *c = e->c;
	struct ifs_out out = {.cap = ifs_out_bound(c)};
	uint64_t now = 0;
	size_t i;

	out.v = calloc(out.cap, sizeof(*out.v));
	CHECK(out.v != NULL);
	ifs_engine_start(e, now, &out);
	check_out(e, &out);
	for (i = 0; i + 1 < n && i < 512; i += 2) {
		uint8_t op = p[i], arg = p[i + 1];

		out.n = 0;
		switch (op % 3) {
		case 0:
			if (c->n_ifaces)
				ifs_engine_link(e, arg % c->n_ifaces, (enum ifs_link)(op / 3 % 4),
				                now, &out);
			break;
		case 1:
			if (c->n_tests) {
				uint32_t t = arg % c->n_tests;
				int status = op / 3 % 4 == 3 ? -1 : op / 3 % 4;

				ifs_engine_test_done(e, t, e->test[t].run - (op & 0x80 ? 1 : 0),
				                     status, now, &out);
			}
			break;
		default:
			now += (uint64_t)arg * 100000;
			ifs_engine_timeout(e, now, &out);
			CHECK(ifs_engine_deadline(e) > now);
			break;
		}
		check_out(e, &out);
	}
	free(out.v);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ifs_parse_opts o = {.error = on_error, .iface_known = known};
	struct errs errs = {0, 1};
	struct ifs_engine *e;
	struct ifs_conf *c;
	size_t i;

	for (i = 0; i < size; i++) /* lines the text has, for the line check */
		errs.max_line += data[i] == '\n';
	o.arg = &errs;
	c = ifs_parse_text("f.conf", (const char *)data, size, &o);
	if (c == NULL) {
		CHECK(errs.n > 0);
		return 0;
	}
	CHECK(errs.n == 0);
	CHECK(c->n_states >= 1 && c->init_state < c->n_states);
	e = ifs_engine_new(c);
	CHECK(e != NULL);
	drive(e, data, size);
	ifs_engine_free(e);
	ifs_conf_free(c);
	return 0;
}
