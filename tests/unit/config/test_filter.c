/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The filter section: filter = { rules = "pf.conf"; }. The rule file is
 * parsed during validation with the ports and carp interfaces as the
 * interfaces it may name (a port is `set skip on PORT`, rule id = port
 * index); its errors are its own "FILE:LINE: reason" (exact text); a
 * relative path is the config file's neighbour; a ruleset that blocks CARP
 * on a carpdev loads with a warning. The shipped pair example loads.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"
#include "pf_rule.h"

#define ROUTER                                                                                     \
	"ports = ( { name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.2/24\" ]; },\n"     \
	"          { name = \"wan0\"; device = \"d1\"; addresses = [ \"203.0.113.2/24\" ]; } );\n" \
	"carp = { interfaces = ( { name = \"carp0\"; carpdev = \"lan0\"; vhid = 1;\n"              \
	"                          addresses = [ \"192.0.2.1/24\" ]; } ); };\n"

static char path[CFG_TMP_PATH];

/* Write TEXT to a fresh file; path holds its name. */
static void write_rules(const char *text)
{
	cfg_write_tmp(path, "cfg_pf", text);
}

/* The router text with the filter on line 5. */
static void router_text(char *buf, size_t len, const char *file)
{
	snprintf(buf, len, ROUTER "filter = { rules = \"%s\"; };\n", file);
}

static void test_good(void)
{
	char text[1024];
	struct cfg cfg;

	write_rules("set skip on wan0\n"
	            "block all\n"
	            "pass on lan0 proto carp keep state (no-sync)\n"
	            "match out on lan0 from any nat-to (carp0)\n"
	            "pass out on lan0\n");
	router_text(text, sizeof(text), path);
	cfg_expect_valid(&cfg, text);
	CU_ASSERT(cfg.filter.present);
	CU_ASSERT_STRING_EQUAL(cfg.filter.rules, path);
	CU_ASSERT_EQUAL(cfg.filter.rules_loc.line, 5);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.filter.rs);
	CU_ASSERT_EQUAL(cfg.filter.rs->nrules, 4);
	/* ports are ids 0, 1; carp0 is CFG_PF_CARP_ID0 with its virtual address */
	CU_ASSERT_EQUAL(cfg.filter.rs->nskip, 1);
	CU_ASSERT_EQUAL(cfg.filter.rs->skip[0], 1);
	CU_ASSERT_EQUAL(cfg.filter.rs->rules[1].ifindex, 0);
	CU_ASSERT_EQUAL(pf_addr_to_v4(&cfg.filter.rs->rules[2].nat.addr), 0xc0000201u);
	CU_ASSERT_EQUAL(cfg.filter.n_ifaces, 3);
	CU_ASSERT_EQUAL(cfg.filter.ifaces[2].id, CFG_PF_CARP_ID0);
	CU_ASSERT_EQUAL(cfg.warnings.n, 0);
	cfg_free(&cfg);
	unlink(path);
}

static void test_no_filter(void)
{
	struct cfg cfg;

	cfg_expect_valid(&cfg, ROUTER);
	CU_ASSERT(!cfg.filter.present);
	CU_ASSERT_PTR_NULL(cfg.filter.rs);
	cfg_free(&cfg);
}

static void test_carp_warning(void)
{
	char text[1024], want[256];
	struct cfg cfg;

	write_rules("pass out on wan0\n"
	            "block on lan0\n");
	router_text(text, sizeof(text), path);
	cfg_expect_valid(&cfg, text);
	CU_ASSERT_EQUAL_FATAL(cfg.warnings.n, 1);
	snprintf(want, sizeof(want),
	         "%s: no rule passes CARP on carpdev lan0 (inet in: blocked by rule 1, line 2)",
	         path);
	CU_ASSERT_STRING_EQUAL(cfg.warnings.msg[0], want);
	cfg_free(&cfg);
	unlink(path);
}

static void test_errors(void)
{
	char text[1024], want[256];

	/* the rule file's own FILE:LINE: an interface that is no port or carp interface */
	write_rules("block all\npass in on lan9\n");
	router_text(text, sizeof(text), path);
	snprintf(want, sizeof(want), "%s:2: unknown interface \"lan9\"", path);
	cfg_expect_error(text, want);
	unlink(path);
	write_rules("pass in on lan0 proto icmp to port 80\n");
	router_text(text, sizeof(text), path);
	snprintf(want, sizeof(want), "%s:1: port only applies to tcp/udp", path);
	cfg_expect_error(text, want);
	unlink(path);
	/* the section itself */
	cfg_expect_error(ROUTER "filter = { rules = \"/nonexistent/pf.conf\"; };\n",
	                 "/nonexistent/pf.conf: cannot open: No such file or directory");
	cfg_expect_error(ROUTER "filter = { };\n", "t.cfg:5: filter: missing rules");
	cfg_expect_error(ROUTER "filter = { rules = 1; };\n",
	                 "t.cfg:5: filter: rules must be a string");
	cfg_expect_error(ROUTER "filter = { rules = \"\"; };\n", "t.cfg:5: filter: rules is empty");
	cfg_expect_error(ROUTER "filter = { rules = \"/x\"; state = 1; };\n",
	                 "t.cfg:5: filter: unknown key \"state\"");
	cfg_expect_error(ROUTER "filter = \"pf.conf\";\n",
	                 "t.cfg:5: filter must be a group: filter = { rules = \"pf.conf\"; };");
}

/* The per-worker state tables need one worker (until replies are steered to their state's). */
static void test_one_worker(void)
{
	char text[1024];
	struct cfg_errors errs;
	struct cfg cfg;

	write_rules("pass\n");
	router_text(text, sizeof(text), path);
	cfg_expect_valid(&cfg, text);
	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_check_workers(&cfg, 1, &errs), 0);
	CU_ASSERT_EQUAL(cfg_check_workers(&cfg, 2, &errs), -EINVAL);
	CU_ASSERT_EQUAL_FATAL(errs.n, 1);
	CU_ASSERT_STRING_EQUAL(errs.msg[0], "t.cfg:5: filter: 2 workers, but the filter runs with "
	                                    "one worker only (its state tables are per worker)");
	cfg_free(&cfg);
	unlink(path);
}

/* rules = "pf.conf" names the file next to the configuration file. */
static void test_relative(void)
{
	char dir[] = "/tmp/cfg_pfdir_XXXXXX", cfgpath[128], rules[128], text[1024];
	struct cfg_errors errs;
	struct cfg cfg;
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(cfgpath, sizeof(cfgpath), "%s/router.cfg", dir);
	snprintf(rules, sizeof(rules), "%s/pf.conf", dir);
	f = fopen(rules, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs("pass\nblock in on wan0 proto tcp to port 23\n", f);
	fclose(f);
	router_text(text, sizeof(text), "pf.conf");
	f = fopen(cfgpath, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_file(&cfg, cfgpath, &errs), 0);
	CU_ASSERT_EQUAL(errs.n, 0);
	CU_ASSERT_STRING_EQUAL(cfg.filter.rules, rules);
	CU_ASSERT_PTR_NOT_NULL(cfg.filter.rs);
	cfg_free(&cfg);
	unlink(rules);
	unlink(cfgpath);
	rmdir(dir);
}

/* config/examples/filter-pair.cfg runs config/pf/firewall-pair.conf, no warning. */
static void test_example(void)
{
	char file[400];
	struct cfg_errors errs;
	struct cfg cfg;

	snprintf(file, sizeof(file), "%s/examples/filter-pair.cfg", CFG_EXAMPLES_DIR);
	cfg_errors_init(&errs);
	CU_ASSERT_EQUAL(cfg_load_file(&cfg, file, &errs), 0);
	for (unsigned int i = 0; i < errs.n; i++)
		printf("\n  %s", errs.msg[i]);
	CU_ASSERT_PTR_NOT_NULL(cfg.filter.rs);
	CU_ASSERT_EQUAL(cfg.warnings.n, 0);
	for (unsigned int i = 0; i < cfg.warnings.n; i++)
		printf("\n  warning: %s", cfg.warnings.msg[i]);
	cfg_free(&cfg);
}

int cfg_test_register_filter(void)
{
	CU_pSuite s = CU_add_suite("cfg_filter", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "rules parsed, ports and carp as interfaces", test_good) ||
	    !CU_add_test(s, "no filter section", test_no_filter) ||
	    !CU_add_test(s, "warning: CARP blocked on a carpdev", test_carp_warning) ||
	    !CU_add_test(s, "errors: the rule file's FILE:LINE, the section", test_errors) ||
	    !CU_add_test(s, "relative path next to the config file", test_relative) ||
	    !CU_add_test(s, "one worker only", test_one_worker) ||
	    !CU_add_test(s, "shipped filter pair example", test_example))
		return -1;
	return 0;
}
