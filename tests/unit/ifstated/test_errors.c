/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One case per kind of ifstated.conf error, each asserting the exact
 * "t.conf:LINE: reason" text and that it is the only error; then cases
 * with several errors, in file order.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "ifs_test.h"

#define STATE_ONE "state one {\n"

#define ERROR_CASES(X)                                                                             \
	/* names */                                                                                \
	X(unknown_iface, "if carp9.link.up run \"x\"\n", "t.conf:1: unknown interface carp9")      \
	X(unknown_state, STATE_ONE " if carp0.link.up set-state two\n}\n",                         \
	  "t.conf:2: set-state two: no such state")                                                \
	X(unknown_init_state, "init-state nowhere\n" STATE_ONE "}\n",                              \
	  "t.conf:1: init-state nowhere: no such state")                                           \
	X(state_twice, STATE_ONE "}\n\nstate one {\n}\n",                                          \
	  "t.conf:4: state one already defined at line 1")                                         \
	X(set_state_global, "if carp0.link.up set-state one\n" STATE_ONE "}\n",                    \
	  "t.conf:1: set-state one outside a state")                                               \
	X(init_global, "init { run \"x\" }\n", "t.conf:1: init block outside a state")             \
	/* macros */                                                                               \
	X(macro_undefined, "if $nope run \"x\"\n", "t.conf:1: macro 'nope' not defined")           \
	X(macro_in_macro, "a = \"carp0.link.up\"\nb = \"$a\"\nif $b run \"x\"\n",                  \
	  "t.conf:3: macro 'a' used inside a macro's value: not expanded")                         \
	X(macro_name, "\"a b\" = \"x\"\n",                                                         \
	  "t.conf:1: invalid macro name 'a b': letters, digits and _ only")                        \
	X(macro_no_value, "a =\n",                                                                 \
	  "t.conf:1: syntax error: expected a value after '=', found end "                         \
	  "of line")                                                                               \
	X(top_word, "foo bar\n",                                                                   \
	  "t.conf:1: syntax error: expected '=' after a macro's name (or a keyword: state, "       \
	  "init-state, run, set-state, if), found 'bar'")                                          \
	/* lexical */                                                                              \
	X(open_quote, "\n\nrun \"abc\n",                                                           \
	  "t.conf:3: reached end of file while parsing quoted string")                             \
	X(big_number, "if \"x\" every 99999999999999999999 run \"y\"\n",                           \
	  "t.conf:1: \"99999999999999999999\" invalid number: too large")                          \
	X(nul_byte, "run \"a\" \0\n",                                                              \
	  "t.conf:1: syntax error: expected end of line, found byte "                              \
	  "0x00")                                                                                  \
	/* values */                                                                               \
	X(every_zero, "if \"x\" every 0 run \"y\"\n",                                              \
	  "t.conf:1: every 0: interval out of range 1-86400 seconds")                              \
	X(every_negative, "if \"x\" every -5 run \"y\"\n",                                         \
	  "t.conf:1: every -5: interval out of range 1-86400 seconds")                             \
	X(every_day_plus_one, "if \"x\" every 86401 run \"y\"\n",                                  \
	  "t.conf:1: every 86401: interval out of range 1-86400 seconds")                          \
	/* syntax */                                                                               \
	X(link_state, STATE_ONE " if carp0.link.sideways run \"x\"\n}\n",                          \
	  "t.conf:2: syntax error: expected up, down or unknown after '.link.', found 'sideways'") \
	X(link_word, "if carp0.lnk.up run \"x\"\n",                                                \
	  "t.conf:1: syntax error: expected 'link' after 'carp0.', found 'lnk'")                   \
	X(link_dot, "if carp0.link up run \"x\"\n",                                                \
	  "t.conf:1: syntax error: expected '.' after 'link', found 'up'")                         \
	X(test_kind, "if \"ping\" run \"x\"\n",                                                    \
	  "t.conf:1: syntax error: expected '.link.' or 'every' after a test's name or command, "  \
	  "found 'run'")                                                                           \
	X(every_word, "if \"ping\" every ten run \"x\"\n",                                         \
	  "t.conf:1: syntax error: expected a number of seconds after every, found 'ten'")         \
	X(no_test, "if run \"x\"\n",                                                               \
	  "t.conf:1: syntax error: expected a test (IFACE.link.up|down|unknown, \"command\" "      \
	  "every "                                                                                 \
	  "N, '!' or '('), found 'run'")                                                           \
	X(close_paren, "if (carp0.link.up run \"x\"\n",                                            \
	  "t.conf:1: syntax error: expected ')', found 'run'")                                     \
	X(no_action, "if carp0.link.up\n\n",                                                       \
	  "t.conf:3: syntax error: expected an action (run, "                                      \
	  "set-state or if), found end of file")                                                   \
	X(no_command, "run\n",                                                                     \
	  "t.conf:1: syntax error: expected a command after run, found end "                       \
	  "of line")                                                                               \
	X(no_target, STATE_ONE " set-state {\n}\n",                                                \
	  "t.conf:2: syntax error: expected a state name after set-state, found '{'")              \
	X(two_actions, "run \"a\" run \"b\"\n",                                                    \
	  "t.conf:1: syntax error: expected end of line, found 'run'")                             \
	X(state_no_brace, "state one\nrun \"x\"\n",                                                \
	  "t.conf:2: syntax error: expected '{' after the state's name, found 'run'")              \
	X(state_no_name, "state {\n}\n",                                                           \
	  "t.conf:1: syntax error: expected a state name after state, found '{'")                  \
	X(state_unclosed, STATE_ONE " run \"x\"\n",                                                \
	  "t.conf:3: syntax error: expected an action (run, set-state or if), found end of file")  \
	X(state_in_state, STATE_ONE " state two {\n }\n}\n",                                       \
	  "t.conf:2: syntax error: expected an action (run, set-state or if), found 'state'")      \
	X(init_state_name, "init-state\n",                                                         \
	  "t.conf:1: syntax error: expected a state name after init-state, found end of line")     \
	X(stray_char, "run \"a\" @\n", "t.conf:1: syntax error: expected end of line, found '@'")  \
	X(continued_line, "if carp0.link.up \\\n  run \"x\"\nif carp9.link.up run \"y\"\n",        \
	  "t.conf:3: unknown interface carp9")                                                     \
	X(quoted_newline, "run 'a\nb'\nif carp9.link.up run \"y\"\n",                              \
	  "t.conf:3: unknown interface carp9")

struct error_case {
	const char *name, *text, *want;
	size_t len;
};

static const struct error_case cases[] = {
#define X(n, text, want) {#n, text, want, sizeof(text) - 1},
    ERROR_CASES(X)
#undef X
};

static void test_error_cases(void)
{
	struct ifs_test_errors errs;
	struct ifs_conf *c;
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		errno = 0;
		c = ifs_test_parse_len(cases[i].text, cases[i].len, &errs);
		CU_ASSERT_PTR_NULL(c);
		CU_ASSERT_EQUAL(errno, EINVAL);
		if (errs.n != 1 || strcmp(errs.msg[0], cases[i].want) != 0) {
			fprintf(stderr, "\ncase %s: want \"%s\", got %u error(s): \"%s\"%s\"%s\"\n",
			        cases[i].name, cases[i].want, errs.n, errs.n ? errs.msg[0] : "",
			        errs.n > 1 ? " then " : "", errs.n > 1 ? errs.msg[1] : "");
			CU_FAIL("wrong error");
		}
		ifs_conf_free(c);
	}
}

/* Errors that leave the structure intact are all reported, in order. */
static void test_several(void)
{
	struct ifs_test_errors errs;
	struct ifs_conf *c = ifs_test_parse("state a {\n"
	                                    " if carp9.link.up set-state b\n"
	                                    " if \"x\" every 0 run y\n"
	                                    "}\n"
	                                    "if lan9.link.down run z\n",
	                                    &errs);

	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_EQUAL_FATAL(errs.n, 4);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "t.conf:2: unknown interface carp9");
	CU_ASSERT_STRING_EQUAL(errs.msg[1],
	                       "t.conf:3: every 0: interval out of range 1-86400 seconds");
	CU_ASSERT_STRING_EQUAL(errs.msg[2], "t.conf:5: unknown interface lan9");
	CU_ASSERT_STRING_EQUAL(errs.msg[3], "t.conf:2: set-state b: no such state");
}

static void test_string_too_long(void)
{
	size_t n = IFS_STRING_MAX + 10;
	char *text = malloc(n + 16);
	struct ifs_test_errors errs;
	struct ifs_conf *c;

	CU_ASSERT_FATAL(text != NULL);
	strcpy(text, "\nrun \"");
	memset(text + 6, 'a', n);
	strcpy(text + 6 + n, "\"\n");
	c = ifs_test_parse(text, &errs);
	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_EQUAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "t.conf:2: string too long (more than 4096 bytes)");
	/* a bare word too */
	memcpy(text, "\nrun ", 5);
	memset(text + 5, 'b', n);
	strcpy(text + 5 + n, "\n");
	c = ifs_test_parse(text, &errs);
	CU_ASSERT_PTR_NULL(c);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "t.conf:2: string too long (more than 4096 bytes)");
	free(text);
}

static void test_too_deep(void)
{
	char text[2048];
	struct ifs_test_errors errs;
	int i, n = 0;

	n += snprintf(text + n, sizeof(text) - (size_t)n, "if ");
	for (i = 0; i < 70; i++)
		text[n++] = '(';
	snprintf(text + n, sizeof(text) - (size_t)n, "carp0.link.up");
	CU_ASSERT_PTR_NULL(ifs_test_parse(text, &errs));
	CU_ASSERT_EQUAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0],
	                       "t.conf:1: expression nested too deeply (more than 64 levels)");

	n = 0;
	for (i = 0; i < 70; i++)
		n += snprintf(text + n, sizeof(text) - (size_t)n, "if carp0.link.up ");
	snprintf(text + n, sizeof(text) - (size_t)n, "run x\n");
	CU_ASSERT_PTR_NULL(ifs_test_parse(text, &errs));
	CU_ASSERT_EQUAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0],
	                       "t.conf:1: if block nested too deeply (more than 64 levels)");
}

static void test_file_errors(void)
{
	struct ifs_test_errors errs = {0};
	struct ifs_parse_opts o = {.error = ifs_test_collect, .arg = &errs};

	errno = 0;
	CU_ASSERT_PTR_NULL(ifs_parse_file("/nonexistent/ifstated.conf", &o));
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_EQUAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(
	    errs.msg[0], "/nonexistent/ifstated.conf: cannot open: No such file or directory");
	errs.n = 0;
	CU_ASSERT_PTR_NULL(ifs_parse_file("/", &o));
	CU_ASSERT_EQUAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "/: not a regular file");
	errs.n = 0;
	CU_ASSERT_PTR_NULL(ifs_parse_file("/dev/null", &o));
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "/dev/null: not a regular file");
}

int ifs_test_errors_suite(void)
{
	CU_pSuite s = CU_add_suite("ifstated_errors", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "each error, exact text", test_error_cases) ||
	    !CU_add_test(s, "several errors in order", test_several) ||
	    !CU_add_test(s, "string too long", test_string_too_long) ||
	    !CU_add_test(s, "nesting bounded", test_too_deep) ||
	    !CU_add_test(s, "file cannot be read", test_file_errors))
		return -1;
	return 0;
}
