/* SPDX-License-Identifier: BSD-2-Clause */
/* Parameters of the /carp/ write commands: every field, every error text. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "ctl_req.h"
#include "ctl_test.h"

static void expect_err(enum ctl_req_op op, const char *params, const char *want)
{
	struct ctl_req r;
	char err[CTL_REQ_ERR_MAX] = "";

	CU_ASSERT_EQUAL(ctl_req_parse(op, params, &r, err, sizeof(err)), -22);
	CU_ASSERT_STRING_EQUAL(err, want);
}

static void test_demote(void)
{
	struct ctl_req r;
	char err[CTL_REQ_ERR_MAX];

	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_DEMOTE, "carp,+128", &r, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(r.op, CTL_REQ_DEMOTE);
	CU_ASSERT_STRING_EQUAL(r.name, "carp");
	CU_ASSERT_EQUAL(r.value, 128);
	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_DEMOTE, "dmz,-255", &r, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(r.name, "dmz");
	CU_ASSERT_EQUAL(r.value, -255);
	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_DEMOTE, "carp,7", &r, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(r.value, 7);
	expect_err(CTL_REQ_DEMOTE, "carp,256", "demote delta \"256\" is not a number -255..+255");
	expect_err(CTL_REQ_DEMOTE, "carp,1x", "demote delta \"1x\" is not a number -255..+255");
	expect_err(CTL_REQ_DEMOTE, "carp,", "demote delta \"\" is not a number -255..+255");
	expect_err(CTL_REQ_DEMOTE, "carp", "usage: /carp/demote,GROUP,DELTA");
	expect_err(CTL_REQ_DEMOTE, "carp,1,2", "usage: /carp/demote,GROUP,DELTA");
	expect_err(CTL_REQ_DEMOTE, ",1", "usage: /carp/demote,GROUP,DELTA");
	expect_err(CTL_REQ_DEMOTE, NULL, "usage: /carp/demote,GROUP,DELTA");
	expect_err(CTL_REQ_DEMOTE, "averyveryverylonggroup,1",
	           "name \"averyveryverylonggroup\" longer than 15 characters");
}

static void test_state(void)
{
	struct ctl_req r;
	char err[CTL_REQ_ERR_MAX];

	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_STATE, "carp0,1,master", &r, err, sizeof(err)), 0);
	CU_ASSERT_STRING_EQUAL(r.name, "carp0");
	CU_ASSERT_EQUAL(r.vhid, 1);
	CU_ASSERT_EQUAL(r.value, 1);
	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_STATE, "carp1,255,backup", &r, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(r.vhid, 255);
	CU_ASSERT_EQUAL(r.value, 0);
	expect_err(CTL_REQ_STATE, "carp0,0,master", "vhid \"0\" out of range 1-255");
	expect_err(CTL_REQ_STATE, "carp0,+1,master", "vhid \"+1\" out of range 1-255");
	expect_err(CTL_REQ_STATE, "carp0,1,init", "state \"init\" is neither master nor backup");
	expect_err(CTL_REQ_STATE, "carp0,1", "usage: /carp/state,IFACE,VHID,master|backup");
	expect_err(CTL_REQ_STATE, "", "usage: /carp/state,IFACE,VHID,master|backup");
}

static void test_advskew(void)
{
	struct ctl_req r;
	char err[CTL_REQ_ERR_MAX];

	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_ADVSKEW, "carp0,3,254", &r, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(r.vhid, 3);
	CU_ASSERT_EQUAL(r.value, 254);
	expect_err(CTL_REQ_ADVSKEW, "carp0,3,255", "advskew \"255\" out of range 0-254");
	expect_err(CTL_REQ_ADVSKEW, "carp0,3,-1", "advskew \"-1\" out of range 0-254");
	expect_err(CTL_REQ_ADVSKEW, "carp0,3,4,5", "usage: /carp/advskew,IFACE,VHID,N");
	CU_ASSERT_STRING_EQUAL(ctl_req_op_name(CTL_REQ_ADVSKEW), "advskew");
}

#define BAD_CHARS                                                                                  \
	"parameters may hold only letters, digits, '_', '.', '+', '-' and commas (no spaces)"

/*
 * Issue 8 item 12: whitespace is refused wherever it is (a tab or newline
 * used to pass where a space did not), and no byte outside the safe set is
 * echoed: DPDK 22.11 writes strings into the JSON reply unescaped, so a
 * non-ASCII or control byte made the reply invalid JSON.
 */
static void test_params_charset(void)
{
	static const char *const bad[] = {
	    "carp, +1",   "carp,+1 ",  "carp,\t+1", "carp,+1\n", "carp,1\r",  " carp,1",
	    "carp\t,1",  "ca rp,1",   "carp,\x7f", "carp,\xff", "carp,\xc3\xa9",
	    "carp,\"1\"", "carp,\\1", "carp,1/2",  "carp,\x01",
	};
	struct ctl_req r;
	char err[CTL_REQ_ERR_MAX];

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		expect_err(CTL_REQ_DEMOTE, bad[i], BAD_CHARS);
		expect_err(CTL_REQ_STATE, bad[i], BAD_CHARS);
		expect_err(CTL_REQ_ADVSKEW, bad[i], BAD_CHARS);
	}
	CU_ASSERT_TRUE(ctl_req_params_safe("carp0,1,master"));
	CU_ASSERT_TRUE(ctl_req_params_safe("lan-1.x_y,+12,-3"));
	CU_ASSERT_TRUE(ctl_req_params_safe(""));
	CU_ASSERT_FALSE(ctl_req_params_safe("carp0\xe9"));
	CU_ASSERT_FALSE(ctl_req_params_safe(NULL));
	/* what is still echoed holds only safe bytes */
	CU_ASSERT_EQUAL(ctl_req_parse(CTL_REQ_STATE, "carp0,1,up", &r, err, sizeof(err)), -22);
	CU_ASSERT_STRING_EQUAL(err, "state \"up\" is neither master nor backup");
}

int ctl_test_req_suite(void)
{
	CU_pSuite s = CU_add_suite("ctl_req_parse", NULL, NULL);

	if (s == NULL || CU_add_test(s, "demote GROUP,DELTA", test_demote) == NULL ||
	    CU_add_test(s, "state IFACE,VHID,master|backup", test_state) == NULL ||
	    CU_add_test(s, "advskew IFACE,VHID,N", test_advskew) == NULL ||
	    CU_add_test(s, "parameters: safe bytes only, no whitespace", test_params_charset) ==
	        NULL)
		return -1;
	return 0;
}
