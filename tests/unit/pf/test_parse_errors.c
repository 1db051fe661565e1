/* SPDX-License-Identifier: BSD-2-Clause */
/* Every parser error: its exact "FILE:LINE: reason" text. */
#include <stdio.h>
#include <string.h>

#include "pf_test.h"

static const struct {
	const char *text, *err;
} cases[] = {
    /* interfaces, macros, lexer */
    {"pass on lan9\n", "test.conf:1: unknown interface \"lan9\""},
    {"pass in on \"averyverylongname0\"\n", "test.conf:1: interface name too long"},
    {"pass from $nope\n", "test.conf:1: macro 'nope' not defined"},
    {"pass = \"x\"\n", "test.conf:1: \"pass\" is a reserved word, not a macro name"},
    {"x-y = \"x\"\n", "test.conf:1: macro name \"x-y\" may only contain letters, digits and _"},
    {"x =\n", "test.conf:1: syntax error at end of line: expected a quoted macro value"},
    {"x = \"a\n", "test.conf:1: reached end of file while parsing quoted string"},
    {"x = a { b }\n", "test.conf:1: syntax error at \"{\": expected end of line (quote a macro "
                      "value that has { } ( ) ! , < > =)"},
    {"x = \"{ lan0\"\n\npass on $x\n", "test.conf:3: syntax error at end of file: expected \"}\""},
    {"pass \\\n in on lan9\n", "test.conf:2: unknown interface \"lan9\""},
    {"pass in @\n", "test.conf:1: unexpected character \"@\""},
    {"frobnicate\n", "test.conf:1: syntax error at \"frobnicate\": expected a rule, an option, a "
                     "table or a macro definition"},
    {"antispoof for lan0\n", "test.conf:1: \"antispoof\" is not supported"},
    {"pass from {\n", "test.conf:1: syntax error at end of file: expected an address, an "
                      "interface or a table"},
    /* protocols, ports, flags */
    {"\n\npass proto foo\n", "test.conf:3: unknown protocol foo"},
    {"pass proto 256\n", "test.conf:1: protocol outside range"},
    {"pass proto 0\n", "test.conf:1: proto 0 cannot be used"},
    {"pass proto tcp from any port 99999\n", "test.conf:1: illegal port value 99999"},
    {"pass proto tcp to port nosuch\n", "test.conf:1: unknown port nosuch"},
    {"pass proto tcp to port 2000:1000\n", "test.conf:1: invalid port range"},
    {"pass proto tcp to port 5 >< 5\n", "test.conf:1: invalid port range"},
    {"pass proto tcp to port 9 <> 5\n", "test.conf:1: invalid port range"},
    {"pass proto tcp to port < 1000:2000\n",
     "test.conf:1: ':' cannot be used with an other port operator"},
    {"pass to port 80\n", "test.conf:1: port only applies to tcp/udp"},
    {"pass proto { tcp icmp } to port 80\n", "test.conf:1: port only applies to tcp/udp"},
    {"pass proto udp flags S/SA\n", "test.conf:1: flags only apply to tcp"},
    {"pass proto tcp flags S/XY\n", "test.conf:1: bad flags XY"},
    {"pass proto tcp flags SA/S\n", "test.conf:1: flags always false"},
    {"pass flags S/SA flags any\n", "test.conf:1: flags cannot be redefined"},
    {"pass proto icmp6 from 192.0.2.1\n",
     "test.conf:1: proto icmp6 doesn't match address family inet"},
    {"pass inet6 proto icmp\n", "test.conf:1: proto icmp doesn't match address family inet6"},
    /* hosts and tables */
    {"pass from 300.1.1.1\n", "test.conf:1: could not parse host specification \"300.1.1.1\""},
    {"pass from 192.0.2.0/33\n", "test.conf:1: prefix length: 33 is out of range 0-32"},
    {"pass from lan0:broadcast\n", "test.conf:1: interface modifier :broadcast is not supported"},
    {"pass from lan0:foo\n", "test.conf:1: interface lan0:foo has bad modifier"},
    {"pass from pfsync0\n", "test.conf:1: interface \"pfsync0\" has no addresses"},
    {"pass from ! any\n",
     "test.conf:1: syntax error at \"any\": expected an address, an interface or a table"},
    {"pass from 192.0.2.1 to 2001:db8::1\n", "test.conf:1: rule expands to no valid combination"},
    {"pass from <nosuch>\n", "test.conf:1: table <nosuch> is not defined"},
    {"pass from <averyveryveryveryverylongtablename0123>\n",
     "test.conf:1: table name 'averyveryveryveryverylongtablename0123' too long"},
    {"table <a> { 10/8 }\ntable <a> { }\n", "test.conf:2: table <a> is already defined"},
    {"table <t> { (lan0) }\n", "test.conf:1: dynamic addresses are not permitted inside tables"},
    {"table <t> { <x> }\n", "test.conf:1: tables cannot contain tables"},
    {"table <t> file \"/etc/t\"\n", "test.conf:1: table option file is not supported"},
    {"table <t> { 192.0.2.1 } counters\n", "test.conf:1: table option counters is not supported"},
    /* state */
    {"block keep state\n", "test.conf:1: keep state is only valid on pass rules"},
    {"pass keep state no state\n", "test.conf:1: keep state cannot be redefined"},
    {"pass keep state (max 1, max 2)\n", "test.conf:1: state option 'max' multiple definitions"},
    {"pass keep state (tcp.established 5)\n",
     "test.conf:1: per-rule state timeouts are not supported (tcp.established)"},
    {"pass keep state (pflow)\n", "test.conf:1: state option pflow is not supported"},
    {"pass keep state (foo)\n", "test.conf:1: syntax error at \"foo\": expected a state option"},
    {"pass modulate state\n", "test.conf:1: modulate state is not supported"},
    /* nat-to */
    {"pass out nat-to 203.0.113.1 no state\n", "test.conf:1: nat-to requires keep state"},
    {"pass nat-to 203.0.113.1\n", "test.conf:1: nat-to requires a direction (in or out)"},
    {"block out nat-to 203.0.113.1\n", "test.conf:1: nat-to is not valid on block rules"},
    {"pass out inet6 nat-to 203.0.113.1\n", "test.conf:1: af mismatch in translation spec"},
    {"match out nat-to (lan0)\n",
     "test.conf:1: nat-to lan0: the rule needs inet or inet6 (the interface has both)"},
    {"match out inet6 nat-to carp0\n",
     "test.conf:1: nat-to carp0: the interface has no inet6 address"},
    {"match out nat-to { 203.0.113.1 203.0.113.2 }\n",
     "test.conf:1: nat-to address pools are not supported"},
    {"match out nat-to 203.0.113.0/28\n", "test.conf:1: nat-to address pools are not supported"},
    {"match out nat-to 203.0.113.1 port 5000 static-port\n",
     "test.conf:1: the 'static-port' option can't be used when specifying a port range"},
    {"match out nat-to 203.0.113.1 round-robin\n",
     "test.conf:1: pool option round-robin is not supported"},
    {"match quick out nat-to 203.0.113.1\n", "test.conf:1: quick is not supported on match rules"},
    /* set */
    {"set limit states 0\n", "test.conf:1: set limit states: 0 is out of range 1-4294967295"},
    {"set limit states many\n", "test.conf:1: set limit states: \"many\" is not a number"},
    {"set limit frags 100\n", "test.conf:1: set limit frags is not supported"},
    {"set timeout tcp.foo 5\n", "test.conf:1: unknown timeout tcp.foo"},
    {"set timeout interval 5\n", "test.conf:1: set timeout interval is not supported"},
    {"set timeout { tcp.first 5\n", "test.conf:1: syntax error at end of file: expected \"}\""},
    {"set optimization aggressive\n", "test.conf:1: set optimization is not supported"},
    {"set foo\n", "test.conf:1: syntax error at \"foo\": expected skip, limit or timeout"},
    {"set skip on ! lan0\n", "test.conf:1: skip on ! <interface> is not supported"},
    /* options and order */
    {"block log all\n", "test.conf:1: \"log\" is not supported"},
    {"block return in\n", "test.conf:1: \"return\" is not supported"},
    {"pass in icmp-type echoreq\n", "test.conf:1: \"icmp-type\" is not supported"},
    {"pass in on lan0 foo\n", "test.conf:1: syntax error at \"foo\": expected a rule option "
                              "(flags, keep state, no state, nat-to) or end of line"},
    {"pass in all from any\n", "test.conf:1: syntax error at \"from\": expected a rule option "
                               "(flags, keep state, no state, nat-to) or end of line"},
    {"pass in\npass out on lan0 on srv0\n", "test.conf:2: syntax error at \"on\": expected a "
                                            "rule option (flags, keep state, no state, nat-to) "
                                            "or end of line"},
};

static void test_error_texts(void)
{
	unsigned i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *got = t_parse_err(cases[i].text);

		if (strcmp(got, cases[i].err) != 0)
			fprintf(stderr, "\n  input %u: %s\n  want: %s\n  got:  %s\n", i,
			        cases[i].text, cases[i].err, got);
		CU_ASSERT_STRING_EQUAL(got, cases[i].err);
	}
}

/* Non-printable input and a NUL byte are errors, never read past the buffer. */
static void test_binary_input(void)
{
	static const char nul[] = {'p', 'a', 's', 's', ' ', '\0', '\n'};
	char err[PF_ERR_MAX];

	CU_ASSERT_PTR_NULL(pf_parse_buffer("bin.conf", nul, sizeof(nul), &t_ifs, err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "bin.conf:1: unexpected character 0x00");
	CU_ASSERT_PTR_NULL(pf_parse_buffer("bin.conf", "pass\x01", 5, &t_ifs, err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "bin.conf:1: unexpected character 0x01");
	/* not NUL terminated: the parser stops at len */
	CU_ASSERT_PTR_NULL(
	    pf_parse_buffer("bin.conf", "pass from 192.0.2.1XYZ", 18, &t_ifs, err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "bin.conf:1: could not parse host specification \"192.0.2.\"");
}

static void test_missing_file(void)
{
	char err[PF_ERR_MAX];

	CU_ASSERT_PTR_NULL(pf_parse_file("/nonexistent/pf.conf", &t_ifs, err, sizeof(err)));
	CU_ASSERT_STRING_EQUAL(err, "/nonexistent/pf.conf: cannot open: No such file or directory");
}

int pf_test_register_parse_errors(void)
{
	static const struct t_case tc[] = {
	    {"each error's exact text", test_error_texts},
	    {"binary input and unterminated buffers", test_binary_input},
	    {"missing file", test_missing_file},
	    {NULL, NULL},
	};
	return t_suite("parse_errors", tc);
}
