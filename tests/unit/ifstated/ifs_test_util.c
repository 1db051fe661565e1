/* SPDX-License-Identifier: BSD-2-Clause */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "ifs_test.h"

static bool known(void *arg, const char *name)
{
	static const char *const names[] = {"carp0", "carp1", "lan0",   "srv0",
	                                    "em0",   "em1",   "urndis0"};
	size_t i;

	(void)arg;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

void ifs_test_collect(void *arg, const char *file, int line, const char *reason)
{
	struct ifs_test_errors *errs = arg;

	if (errs == NULL || errs->n == IFS_TEST_ERRORS)
		return;
	if (line > 0)
		snprintf(errs->msg[errs->n++], sizeof(errs->msg[0]), "%s:%d: %s", file, line,
		         reason);
	else
		snprintf(errs->msg[errs->n++], sizeof(errs->msg[0]), "%s: %s", file, reason);
}

struct ifs_conf *ifs_test_parse_len(const char *text, size_t len, struct ifs_test_errors *errs)
{
	struct ifs_parse_opts o = {.error = ifs_test_collect, .iface_known = known, .arg = errs};

	if (errs != NULL)
		memset(errs, 0, sizeof(*errs));
	return ifs_parse_text("t.conf", text, len, &o);
}

struct ifs_conf *ifs_test_parse(const char *text, struct ifs_test_errors *errs)
{
	return ifs_test_parse_len(text, strlen(text), errs);
}

int ifs_rig_init(struct ifs_rig *r, const char *text)
{
	struct ifs_test_errors errs;

	memset(r, 0, sizeof(*r));
	r->c = ifs_test_parse(text, &errs);
	if (r->c == NULL) {
		fprintf(stderr, "rig: %s\n", errs.n ? errs.msg[0] : "parse failed");
		return -1;
	}
	r->e = ifs_engine_new(r->c);
	r->out.cap = ifs_out_bound(r->c);
	r->out.v = calloc(r->out.cap, sizeof(*r->out.v));
	return r->e != NULL && r->out.v != NULL ? 0 : -1;
}

void ifs_rig_free(struct ifs_rig *r)
{
	ifs_engine_free(r->e);
	ifs_conf_free(r->c);
	free(r->out.v);
}

struct ifs_out *ifs_rig_out(struct ifs_rig *r)
{
	r->out.n = 0;
	r->out.dropped = 0;
	return &r->out;
}

static const char *state_name(const struct ifs_rig *r, uint32_t s)
{
	return s == IFS_NO_STATE ? "-" : r->c->states[s].name;
}

const char *ifs_rig_log(struct ifs_rig *r)
{
	size_t len = 0;
	uint32_t i;

	r->log[0] = '\0';
	for (i = 0; i < r->out.n && len < sizeof(r->log); i++) {
		const struct ifs_out_item *o = &r->out.v[i];
		const char *sep = i ? "; " : "";
		int n = 0;

		switch (o->type) {
		case IFS_OUT_RUN:
			n = snprintf(r->log + len, sizeof(r->log) - len, "%sRUN %s", sep, o->cmd);
			break;
		case IFS_OUT_STATE:
			n = snprintf(r->log + len, sizeof(r->log) - len, "%sSTATE %s>%s", sep,
			             state_name(r, o->from), state_name(r, o->to));
			break;
		case IFS_OUT_LOOP:
			n = snprintf(r->log + len, sizeof(r->log) - len, "%sLOOP %s>%s", sep,
			             state_name(r, o->from), state_name(r, o->to));
			break;
		case IFS_OUT_TEST_START:
			n = snprintf(r->log + len, sizeof(r->log) - len, "%sSTART %s#%u", sep,
			             o->cmd, o->run);
			break;
		case IFS_OUT_TEST_KILL:
			n = snprintf(r->log + len, sizeof(r->log) - len, "%sKILL %s#%u %s", sep,
			             o->cmd, o->run,
			             o->why == IFS_KILL_OVERDUE ? "overdue" : "left");
			break;
		}
		if (n > 0)
			len += (size_t)n;
	}
	if (r->out.dropped)
		snprintf(r->log + len, sizeof(r->log) - len, "; DROPPED %u", r->out.dropped);
	return r->log;
}

void ifs_rig_expect(struct ifs_rig *r, const char *want, const char *file, int line)
{
	const char *got = ifs_rig_log(r);
	bool ok = strcmp(got, want) == 0;

	if (!ok)
		fprintf(stderr, "\n%s:%d: want \"%s\"\n got \"%s\"\n", file, line, want, got);
	CU_assertImplementation(ok, (unsigned)line, "output as expected", file, "", CU_FALSE);
}

uint32_t ifs_rig_iface(struct ifs_rig *r, const char *name)
{
	int i = ifs_conf_iface_find(r->c, name);

	return i < 0 ? UINT32_MAX : (uint32_t)i;
}

uint32_t ifs_rig_test(struct ifs_rig *r, const char *state, const char *cmd)
{
	uint32_t t;

	for (t = 0; t < r->c->n_tests; t++)
		if (strcmp(r->c->tests[t].cmd, cmd) == 0 &&
		    strcmp(r->c->states[r->c->tests[t].state].name, state) == 0)
			return t;
	return UINT32_MAX;
}
