/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Grammar: what a valid ifstated.conf parses into (states, tests,
 * interfaces, action trees, precedence, macros, lexical rules).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "ifs_test.h"

/* ifstated.conf(5)'s example, as the man page writes it. */
static const char man_example[] =
    "links_up = \"em0.link.up && em1.link.up\"\n"
    "net = '( \"ping -q -c 1 -w 1 192.168.0.1 > /dev/null\" every 10 && \\\n"
    "         \"ping -q -c 1 -w 1 192.168.0.2 > /dev/null\" every 10 )'\n"
    "\n"
    "state one {\n"
    "\tinit {\n"
    "\t\trun \"logger -t ifstated entering state one\"\n"
    "\t\trun \"ifconfig -g carp -carpdemote\"\n"
    "\t}\n"
    "\n"
    "\tif ! $net || urndis0.link.up\n"
    "\t\tset-state two\n"
    "\n"
    "\tif ! $links_up {\n"
    "\t\trun \"ifconfig -g carp carpdemote\"\n"
    "\n"
    "\t\tif urndis0.link.down\n"
    "\t\t\tset-state three\n"
    "\t}\n"
    "}\n"
    "state two {\n"
    "\tinit run \"logger two\"\n"
    "}\n"
    "state three {\n"
    "\tinit run \"logger three\"\n"
    "}\n";

static struct ifs_conf *parse_ok(const char *text)
{
	struct ifs_test_errors errs;
	struct ifs_conf *c = ifs_test_parse(text, &errs);

	if (c == NULL)
		fprintf(stderr, "unexpected error: %s\n", errs.n ? errs.msg[0] : "?");
	CU_ASSERT_PTR_NOT_NULL(c);
	CU_ASSERT_EQUAL(errs.n, 0);
	return c;
}

static void test_man_example(void)
{
	struct ifs_conf *c = parse_ok(man_example);
	const struct ifs_state *one;
	const struct ifs_action *a;
	const struct ifs_expr *x;

	if (c == NULL)
		return;
	CU_ASSERT_EQUAL(c->n_states, 4); /* global + one two three */
	CU_ASSERT_EQUAL(c->init_state, 1);
	one = &c->states[1];
	CU_ASSERT_STRING_EQUAL(one->name, "one");
	CU_ASSERT_EQUAL(one->line, 5);
	/* init: two runs, in order */
	a = one->init.first;
	CU_ASSERT_EQUAL(a->type, IFS_ACTION_RUN);
	CU_ASSERT_STRING_EQUAL(a->u.cmd, "logger -t ifstated entering state one");
	CU_ASSERT_EQUAL(a->line, 7);
	CU_ASSERT_STRING_EQUAL(a->next->u.cmd, "ifconfig -g carp -carpdemote");
	CU_ASSERT_PTR_NULL(a->next->next);
	/* body 1: if (!(ping1 && ping2)) || urndis0.link.up -> set-state two */
	a = one->body.first;
	CU_ASSERT_EQUAL(a->type, IFS_ACTION_IF);
	CU_ASSERT_EQUAL(a->line, 11);
	x = a->u.cond.cond;
	CU_ASSERT_EQUAL(x->type, IFS_EXPR_OR);
	CU_ASSERT_EQUAL(x->u.arg[0]->type, IFS_EXPR_NOT);
	CU_ASSERT_EQUAL(x->u.arg[0]->u.arg[0]->type, IFS_EXPR_AND);
	CU_ASSERT_EQUAL(x->u.arg[1]->type, IFS_EXPR_LINK);
	CU_ASSERT_EQUAL(x->u.arg[1]->u.link.want, IFS_LINK_UP);
	CU_ASSERT_EQUAL(a->u.cond.then.first->type, IFS_ACTION_SET_STATE);
	CU_ASSERT_EQUAL(a->u.cond.then.first->u.state, 2);
	/* body 2: nested if with a run and an inner if. A macro is text:
	 * "! $links_up" is (! em0.link.up) && em1.link.up, as in ifstated. */
	a = a->next;
	CU_ASSERT_EQUAL(a->type, IFS_ACTION_IF);
	CU_ASSERT_EQUAL(a->u.cond.cond->type, IFS_EXPR_AND);
	CU_ASSERT_EQUAL(a->u.cond.cond->u.arg[0]->type, IFS_EXPR_NOT);
	CU_ASSERT_EQUAL(a->u.cond.then.first->type, IFS_ACTION_RUN);
	CU_ASSERT_EQUAL(a->u.cond.then.first->next->type, IFS_ACTION_IF);
	CU_ASSERT_EQUAL(a->u.cond.then.first->next->line, 17);
	CU_ASSERT_EQUAL(a->u.cond.then.first->next->u.cond.then.first->u.state, 3);
	/* two pings, both in state one, macro text continued over two lines */
	CU_ASSERT_EQUAL(c->n_tests, 2);
	CU_ASSERT_STRING_EQUAL(c->tests[0].cmd, "ping -q -c 1 -w 1 192.168.0.1 > /dev/null");
	CU_ASSERT_STRING_EQUAL(c->tests[1].cmd, "ping -q -c 1 -w 1 192.168.0.2 > /dev/null");
	CU_ASSERT_EQUAL(c->tests[0].every_s, 10);
	CU_ASSERT_EQUAL(c->tests[1].state, 1);
	CU_ASSERT_EQUAL(one->n_tests, 2);
	/* em0 em1 urndis0, all named by state one */
	CU_ASSERT_EQUAL(c->n_ifaces, 3);
	CU_ASSERT_EQUAL(ifs_conf_iface_find(c, "urndis0"), 0);
	CU_ASSERT_EQUAL(ifs_conf_iface_find(c, "em1"), 2);
	CU_ASSERT_EQUAL(one->n_ifaces, 3);
	CU_ASSERT_EQUAL(c->states[2].n_ifaces, 0);
	ifs_conf_free(c);
}

/* && and || share one precedence, left to right (parse.y %left AND OR):
 * a || b && c is (a || b) && c; ! binds tighter than both. */
static void test_precedence(void)
{
	struct ifs_conf *c =
	    parse_ok("if carp0.link.up || carp1.link.up && ! lan0.link.down run \"x\"\n");
	const struct ifs_expr *x;

	if (c == NULL)
		return;
	x = c->states[0].body.first->u.cond.cond;
	CU_ASSERT_EQUAL(x->type, IFS_EXPR_AND);
	CU_ASSERT_EQUAL(x->u.arg[0]->type, IFS_EXPR_OR);
	CU_ASSERT_EQUAL(x->u.arg[1]->type, IFS_EXPR_NOT);
	CU_ASSERT_EQUAL(x->u.arg[1]->u.arg[0]->u.link.want, IFS_LINK_DOWN);
	ifs_conf_free(c);

	c = parse_ok("if carp0.link.up || (carp1.link.unknown && lan0.link.up) run \"x\"\n");
	if (c == NULL)
		return;
	x = c->states[0].body.first->u.cond.cond;
	CU_ASSERT_EQUAL(x->type, IFS_EXPR_OR);
	CU_ASSERT_EQUAL(x->u.arg[1]->type, IFS_EXPR_AND);
	CU_ASSERT_EQUAL(x->u.arg[1]->u.arg[0]->u.link.want, IFS_LINK_UNKNOWN);
	ifs_conf_free(c);
}

static void test_init_state_and_sharing(void)
{
	struct ifs_conf *c = parse_ok("init-state b\n"
	                              "state a {\n"
	                              "  if \"true\" every 5 && \"true\" every 5 set-state b\n"
	                              "  if \"true\" every 6 set-state b\n"
	                              "}\n"
	                              "state b {\n"
	                              "  if \"true\" every 5 set-state a\n"
	                              "}\n");

	if (c == NULL)
		return;
	CU_ASSERT_EQUAL(c->init_state, 2);
	/* one test per (state, command, interval): a has two, b its own */
	CU_ASSERT_EQUAL(c->n_tests, 3);
	CU_ASSERT_EQUAL(c->states[1].n_tests, 2);
	CU_ASSERT_EQUAL(c->states[2].n_tests, 1);
	CU_ASSERT_EQUAL(c->tests[2].state, 2);
	CU_ASSERT_EQUAL(c->tests[1].every_s, 6);
	CU_ASSERT_EQUAL(ifs_conf_state_find(c, "b"), 2);
	CU_ASSERT_EQUAL(ifs_conf_state_find(c, "c"), -1);
	ifs_conf_free(c);
}

/* Top-level actions only: the global pseudo-state, no initial state. */
static void test_global_only(void)
{
	struct ifs_conf *c = parse_ok("# a comment\n"
	                              "\n"
	                              "if carp0.link.up { run \"a\"\n run \"b\" }\n"
	                              "run \"always\"\n");

	if (c == NULL)
		return;
	CU_ASSERT_EQUAL(c->n_states, 1);
	CU_ASSERT_EQUAL(c->init_state, IFS_GLOBAL_STATE);
	CU_ASSERT_EQUAL(c->states[0].body.first->u.cond.then.first->next->line, 4);
	CU_ASSERT_STRING_EQUAL(c->states[0].body.first->next->u.cmd, "always");
	ifs_conf_free(c);
}

/* Lexical rules of parse.y: quotes, escapes, continuation, comments,
 * concatenated strings, a macro's tokens, numbers vs words. */
static void test_lexical(void)
{
	struct ifs_conf *c = parse_ok("cmd = '\"echo \\\"hi\\\"\"'\n"
	                              "state \"with space\" name {\n"
	                              "  init run \"a \\\"quoted\\\" \\\\n word\" # comment\n"
	                              "  init run 'multi\n"
	                              "line'\n"
	                              "  if \\\n"
	                              "     carp0.link.up\n"
	                              "     run \"$cmd\"\n"
	                              "  if $cmd every 3 run x-y:z\n"
	                              "  if 10test every 3 run y\n"
	                              "}\n"
	                              "if carp0.link.down run \"late\"\n");
	const struct ifs_state *s;
	const struct ifs_action *a;

	if (c == NULL)
		return;
	s = &c->states[1];
	CU_ASSERT_STRING_EQUAL(s->name, "with space name");
	a = s->init.first;
	CU_ASSERT_STRING_EQUAL(a->u.cmd, "a \"quoted\" \\\\n word");
	/* a newline inside quotes is dropped (parse.y) */
	CU_ASSERT_STRING_EQUAL(a->next->u.cmd, "multiline");
	a = s->body.first;
	CU_ASSERT_EQUAL(a->line, 6);
	/* no expansion inside quotes */
	CU_ASSERT_STRING_EQUAL(a->u.cond.then.first->u.cmd, "$cmd");
	CU_ASSERT_EQUAL(a->u.cond.then.first->line, 8);
	/* $cmd outside quotes: its value is one quoted string */
	CU_ASSERT_STRING_EQUAL(c->tests[0].cmd, "echo \"hi\"");
	CU_ASSERT_EQUAL(c->tests[0].line, 9);
	CU_ASSERT_STRING_EQUAL(a->next->u.cond.then.first->u.cmd, "x-y:z");
	/* digits then letters: a word */
	CU_ASSERT_STRING_EQUAL(c->tests[1].cmd, "10test");
	CU_ASSERT_EQUAL(c->states[0].body.first->line, 12);
	ifs_conf_free(c);
}

/* The last action before '}' may share its line; empty blocks; no final
 * newline. */
static void test_leniencies(void)
{
	struct ifs_conf *c = parse_ok("state a { }\nstate b {\n init { }\n if carp0.link.up { run "
	                              "\"x\" } }\nrun \"end\"");

	if (c == NULL)
		return;
	CU_ASSERT_EQUAL(c->n_states, 3);
	CU_ASSERT_PTR_NULL(c->states[1].body.first);
	CU_ASSERT_STRING_EQUAL(c->states[2].body.first->u.cond.then.first->u.cmd, "x");
	CU_ASSERT_STRING_EQUAL(c->states[0].body.first->u.cmd, "end");
	ifs_conf_free(c);
}

static void test_macro_redefined(void)
{
	struct ifs_conf *c =
	    parse_ok("t = \"carp0.link.up\"\nt = \"carp1.link.up\"\nif $t run x\n");

	if (c == NULL)
		return;
	CU_ASSERT_EQUAL(c->n_ifaces, 1);
	CU_ASSERT_STRING_EQUAL(c->ifaces[0].name, "carp1");
	ifs_conf_free(c);
}

static void test_file(void)
{
	char path[] = "/tmp/ifs_test_XXXXXX";
	struct ifs_test_errors errs = {0};
	struct ifs_parse_opts o = {.error = ifs_test_collect, .arg = &errs};
	struct ifs_conf *c;
	FILE *f;
	int fd = mkstemp(path);

	CU_ASSERT_FATAL(fd >= 0);
	f = fdopen(fd, "w");
	fputs(man_example, f);
	fclose(f);
	c = ifs_parse_file(path, &o);
	CU_ASSERT_PTR_NOT_NULL(c);
	if (c != NULL) {
		CU_ASSERT_STRING_EQUAL(c->file, path);
		CU_ASSERT_EQUAL(c->n_states, 4);
	}
	ifs_conf_free(c);
	unlink(path);
}

int ifs_test_parse_suite(void)
{
	CU_pSuite s = CU_add_suite("ifstated_parse", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "ifstated.conf(5) example", test_man_example) ||
	    !CU_add_test(s, "&& || one precedence, ! tighter", test_precedence) ||
	    !CU_add_test(s, "init-state; tests per state", test_init_state_and_sharing) ||
	    !CU_add_test(s, "global actions only", test_global_only) ||
	    !CU_add_test(s, "quotes, escapes, continuation, macros", test_lexical) ||
	    !CU_add_test(s, "blocks on one line, empty blocks", test_leniencies) ||
	    !CU_add_test(s, "macro redefined", test_macro_redefined) ||
	    !CU_add_test(s, "parse a file", test_file))
		return -1;
	return 0;
}
