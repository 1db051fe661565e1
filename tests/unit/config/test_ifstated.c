/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ifstated key: the file is parsed during validation, its tests may
 * name ports and carp interfaces, and its errors come out as the file's own
 * "FILE:LINE: reason" (exact text), as does a path that is not absolute or
 * not there. The shipped examples (config/ifstated) load with a carp0.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cfg_test.h"
#include "ifs_conf.h"

#define ROUTER                                                                                     \
	"ports = ( { name = \"lan0\"; device = \"d0\"; addresses = [ \"192.0.2.2/24\" ]; } );\n"   \
	"carp = { interfaces = ( { name = \"carp0\"; carpdev = \"lan0\"; vhid = 1;\n"              \
	"                          addresses = [ \"192.0.2.1/24\" ]; } ); };\n"

static char path[CFG_TMP_PATH];

/* Write TEXT to a fresh file; path holds its name. */
static void write_ifstated(const char *text)
{
	cfg_write_tmp(path, "cfg_ifs", text);
}

/* The router text with ifstated = "<path>" on line 4. */
static void router_text(char *buf, size_t len, const char *file)
{
	snprintf(buf, len, ROUTER "ifstated = \"%s\";\n", file);
}

static void test_good(void)
{
	char text[512];
	struct cfg cfg;

	write_ifstated("state backup {\n"
	               "  if carp0.link.up && lan0.link.up set-state master\n"
	               "}\n"
	               "state master {\n"
	               "  init run \"true\"\n"
	               "  if ! carp0.link.up set-state backup\n"
	               "}\n");
	router_text(text, sizeof(text), path);
	cfg_expect_valid(&cfg, text);
	CU_ASSERT_STRING_EQUAL(cfg.ifstated_path, path);
	CU_ASSERT_EQUAL(cfg.ifstated_loc.line, 4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg.ifstated);
	CU_ASSERT_EQUAL(cfg.ifstated->n_states, 3);
	CU_ASSERT_EQUAL(cfg.ifstated->n_ifaces, 2);
	cfg_free(&cfg);
	unlink(path);
}

static void test_errors(void)
{
	char text[512], want[256];

	/* a test naming neither a port nor a carp interface */
	write_ifstated("state a {\n  if carp1.link.up run \"x\"\n}\n");
	router_text(text, sizeof(text), path);
	snprintf(want, sizeof(want), "%s:2: unknown interface carp1", path);
	cfg_expect_error(text, want);
	unlink(path);
	/* a syntax error of the file */
	write_ifstated("state a {\n  if carp0.link.sideways run \"x\"\n}\n");
	router_text(text, sizeof(text), path);
	snprintf(want, sizeof(want),
	         "%s:2: syntax error: expected up, down or unknown after '.link.', found "
	         "'sideways'",
	         path);
	cfg_expect_error(text, want);
	unlink(path);
	/* not there */
	router_text(text, sizeof(text), "/nonexistent/ifstated.conf");
	cfg_expect_error(text,
	                 "/nonexistent/ifstated.conf: cannot open: No such file or directory");
	/* relative */
	router_text(text, sizeof(text), "ifstated.conf");
	cfg_expect_error(text, "t.cfg:4: ifstated \"ifstated.conf\" must be an absolute path");
	/* not a string */
	cfg_expect_error(ROUTER "ifstated = 5;\n", "t.cfg:4: ifstated must be a string");
}

static void test_examples(void)
{
	static const char *const names[] = {"service.conf", "uplink.conf"};
	char text[1024], file[400];
	struct cfg cfg;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(file, sizeof(file), "%s/ifstated/%s", CFG_EXAMPLES_DIR, names[i]);
		router_text(text, sizeof(text), file);
		cfg_expect_valid(&cfg, text);
		CU_ASSERT_PTR_NOT_NULL(cfg.ifstated);
		cfg_free(&cfg);
	}
}

int cfg_test_register_ifstated(void)
{
	CU_pSuite s = CU_add_suite("cfg_ifstated", NULL, NULL);

	if (s == NULL || !CU_add_test(s, "file parsed, ports and carp names", test_good) ||
	    !CU_add_test(s, "errors: the file's FILE:LINE, path", test_errors) ||
	    !CU_add_test(s, "shipped ifstated examples", test_examples))
		return -1;
	return 0;
}
