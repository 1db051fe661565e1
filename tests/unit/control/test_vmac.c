/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * vMAC filter decisions against a NIC model that records every call and
 * refuses what a given PMD refuses (af_packet: secondary MACs, multicast
 * lists and allmulticast; a real NIC: nothing).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "ctl_test.h"
#include "ctl_vmac.h"

struct nic {
	bool refuse_uc, refuse_mc, refuse_allmulti;
	char log[1024]; /* "uc_add 00:00:5e:00:01:01;promisc;..." */
	unsigned int mc_n;
};

static void note(struct nic *n, const char *op, const uint8_t *mac)
{
	size_t l = strlen(n->log);

	if (mac)
		snprintf(n->log + l, sizeof(n->log) - l, "%s %02x;", op, mac[5]);
	else
		snprintf(n->log + l, sizeof(n->log) - l, "%s;", op);
}

static int uc_add(void *arg, uint16_t port, const uint8_t mac[6])
{
	struct nic *n = arg;

	(void)port;
	note(n, "uc_add", mac);
	return n->refuse_uc ? -ENOTSUP : 0;
}

static int uc_del(void *arg, uint16_t port, const uint8_t mac[6])
{
	(void)port;
	note(arg, "uc_del", mac);
	return 0;
}

static int mc_set(void *arg, uint16_t port, const uint8_t (*macs)[6], unsigned int cnt)
{
	struct nic *n = arg;
	char op[16];

	(void)port, (void)macs;
	snprintf(op, sizeof(op), "mc_set%u", cnt);
	note(n, op, NULL);
	n->mc_n = cnt;
	return n->refuse_mc ? -ENOTSUP : 0;
}

static int promisc_on(void *arg, uint16_t port)
{
	(void)port;
	note(arg, "promisc", NULL);
	return 0;
}

static int allmulti_on(void *arg, uint16_t port)
{
	struct nic *n = arg;

	(void)port;
	note(n, "allmulti", NULL);
	return n->refuse_allmulti ? -ENOTSUP : 0;
}

static const struct ctl_nic_ops ops = {uc_add, uc_del, mc_set, promisc_on, allmulti_on};
static const uint8_t v1[6] = {0, 0, 0x5e, 0, 1, 1}, v2[6] = {0, 0, 0x5e, 0, 1, 2};
static const uint8_t grp[6] = {1, 0, 0x5e, 0, 0, 0x12}, m3[6] = {1, 0, 0x5e, 0, 1, 3};

/* A NIC with real filters: every vMAC in the filter, no fallback. */
static void test_real_filter(void)
{
	struct ctl_vmac_port p;
	struct nic n = {0};

	ctl_vmac_port_init(&p, 3);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, grp, true), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v1, false), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v1, false), CTL_VMAC_OK); /* no-op */
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, m3, true), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_del(&p, &ops, &n, v1, false), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_del(&p, &ops, &n, m3, true), CTL_VMAC_OK);
	CU_ASSERT_STRING_EQUAL(n.log, "mc_set1;uc_add 01;mc_set2;uc_del 01;mc_set1;");
	CU_ASSERT_STRING_EQUAL(ctl_vmac_filter_name(&p), "mac");
	CU_ASSERT_EQUAL(p.n_uc, 0);
	CU_ASSERT_EQUAL(p.n_mc, 1);
	CU_ASSERT_EQUAL(n.mc_n, 1);
}

/* af_packet: the first refusal switches promiscuous on, once; deleting a
 * covered MAC makes no NIC call. */
static void test_af_packet_fallback(void)
{
	struct ctl_vmac_port p;
	struct nic n = {.refuse_uc = true, .refuse_mc = true, .refuse_allmulti = true};

	ctl_vmac_port_init(&p, 0);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, grp, true), CTL_VMAC_PROMISC);
	CU_ASSERT_EQUAL(p.last_err, -ENOTSUP);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v1, false), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v2, false), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_del(&p, &ops, &n, v1, false), CTL_VMAC_OK);
	CU_ASSERT_STRING_EQUAL(n.log, "mc_set1;allmulti;promisc;");
	CU_ASSERT_STRING_EQUAL(ctl_vmac_filter_name(&p), "promiscuous");
	CU_ASSERT_EQUAL(p.n_uc, 1);
	CU_ASSERT_EQUAL(memcmp(p.uc[0], v2, 6), 0);
}

static void test_unicast_refused_only(void)
{
	struct ctl_vmac_port p;
	struct nic n = {.refuse_uc = true};

	ctl_vmac_port_init(&p, 0);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v1, false), CTL_VMAC_PROMISC);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v2, false), CTL_VMAC_OK);
	/* promiscuous mode receives multicast: the list is still tried first */
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, grp, true), CTL_VMAC_OK);
	CU_ASSERT_STRING_EQUAL(n.log, "uc_add 01;promisc;mc_set1;");
}

static void test_multicast_allmulti(void)
{
	struct ctl_vmac_port p;
	struct nic n = {.refuse_mc = true};

	ctl_vmac_port_init(&p, 0);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, grp, true), CTL_VMAC_ALLMULTI);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, m3, true), CTL_VMAC_OK);
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, v1, false), CTL_VMAC_OK);
	CU_ASSERT_STRING_EQUAL(n.log, "mc_set1;allmulti;uc_add 01;");
	CU_ASSERT_STRING_EQUAL(ctl_vmac_filter_name(&p), "allmulticast");
}

static void test_full_and_flips(void)
{
	struct ctl_vmac_port p;
	struct nic n = {0};
	uint8_t mac[6] = {0, 0, 0x5e, 0, 1, 0};

	ctl_vmac_port_init(&p, 0);
	for (unsigned int i = 0; i < CTL_VMAC_MAX; i++) {
		mac[4] = (uint8_t)(i >> 8), mac[5] = (uint8_t)i;
		CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, mac, false), CTL_VMAC_OK);
	}
	mac[4] = 0xff;
	CU_ASSERT_EQUAL(ctl_vmac_add(&p, &ops, &n, mac, false), CTL_VMAC_FULL);
	ctl_vmac_flip_record(&p, 30);
	ctl_vmac_flip_record(&p, 12);
	CU_ASSERT_EQUAL(p.flips, 2);
	CU_ASSERT_EQUAL(p.flip_last_us, 12);
	CU_ASSERT_EQUAL(p.flip_max_us, 30);
}

int ctl_test_vmac_suite(void)
{
	CU_pSuite s = CU_add_suite("ctl_vmac", NULL, NULL);

	if (s == NULL || CU_add_test(s, "real NIC filter", test_real_filter) == NULL ||
	    CU_add_test(s, "af_packet: promiscuous once", test_af_packet_fallback) == NULL ||
	    CU_add_test(s, "unicast refused only", test_unicast_refused_only) == NULL ||
	    CU_add_test(s, "multicast list refused: allmulticast", test_multicast_allmulti) ==
	        NULL ||
	    CU_add_test(s, "table full, flip times", test_full_and_flips) == NULL)
		return -1;
	return 0;
}
