/* SPDX-License-Identifier: BSD-2-Clause */
/* Packet builder: MTU bounds, one subheader per action, bytes exact. */
#include <errno.h>
#include <string.h>

#include "pfsync_build.h"
#include "pfsync_test.h"
#include "pfsync_wire.h"

static const uint8_t src[4] = {192, 0, 2, 2}, dst[4] = {224, 0, 0, 240};

static unsigned fill(struct pfsync_pkt *b, uint8_t action)
{
	struct pfsync_state_msg st;
	struct pfsync_upd_c_msg u;
	struct pfsync_ref_msg r = {1, 2};
	unsigned n = 0;
	int rc;

	t_state_expect(&st);
	pfsync_upd_c_from_state(&u, &st);
	for (;;) {
		if (action == PFSYNC_ACT_UPD_C)
			rc = pfsync_pkt_add_upd_c(b, &u);
		else if (action == PFSYNC_ACT_DEL_C)
			rc = pfsync_pkt_add_ref(b, action, &r);
		else
			rc = pfsync_pkt_add_state(b, action, &st);
		if (rc != 0) {
			CU_ASSERT_EQUAL(rc, -ENOSPC);
			return n;
		}
		n++;
	}
}

/* spec 0.2 (derived): at MTU 1500 a packet holds 5 full states, 17 UPD_C
 * or 121 DEL_C; at 9000, 33 full states. */
static void test_per_mtu(void)
{
	uint8_t buf[9000];
	struct pfsync_pkt b;

	CU_ASSERT_EQUAL_FATAL(pfsync_pkt_init(&b, buf, sizeof(buf), 1500), 0);
	CU_ASSERT_EQUAL(fill(&b, PFSYNC_ACT_INS), 5);
	CU_ASSERT_FALSE(pfsync_pkt_fits(&b, PFSYNC_ACT_INS));
	CU_ASSERT(b.len <= 1500);
	pfsync_pkt_reset(&b);
	CU_ASSERT_EQUAL(fill(&b, PFSYNC_ACT_UPD_C), 17);
	pfsync_pkt_reset(&b);
	CU_ASSERT_EQUAL(fill(&b, PFSYNC_ACT_DEL_C), 121);
	CU_ASSERT_EQUAL(b.len, 40 + 4 + 121 * 12);
	CU_ASSERT_EQUAL_FATAL(pfsync_pkt_init(&b, buf, sizeof(buf), 9000), 0);
	CU_ASSERT_EQUAL(fill(&b, PFSYNC_ACT_UPD), 33);
}

static void test_init_errors(void)
{
	uint8_t buf[2000];
	struct pfsync_pkt b;
	struct pfsync_ref_msg r = {1, 2};

	CU_ASSERT_EQUAL(pfsync_pkt_init(&b, buf, sizeof(buf), 40 + 4 + 263), -EINVAL);
	CU_ASSERT_EQUAL(pfsync_pkt_init(&b, buf, sizeof(buf), 40 + 4 + 264), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_init(&b, buf, 1000, 1500), -EINVAL); /* buffer too small */
	CU_ASSERT_EQUAL(pfsync_pkt_init(&b, buf, sizeof(buf), 1500), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_INS, &r), -EINVAL);
	CU_ASSERT_EQUAL(pfsync_pkt_add_state(&b, PFSYNC_ACT_DEL_C, NULL), -EINVAL);
	CU_ASSERT_PTR_NULL(pfsync_pkt_reserve(&b, PFSYNC_ACT_EOF)); /* no message format */
	CU_ASSERT_PTR_NULL(pfsync_pkt_reserve(&b, 16));
	CU_ASSERT_TRUE(pfsync_pkt_empty(&b));
}

/* DEL_C, INS_ACK, DEL_C: the second DEL_C joins the first subheader. */
static void test_grouping(void)
{
	static const char want_hex[] =
	    "4510 0054 0007 4000 fff0 0000 c0000202 e00000f0" /* IPv4, checksum below */
	    "06 00 0040 00000000000000000000000000000000"     /* pfsync header, len 64 */
	    "07 03 0002 0000000000000001 0000000a 0000000000000003 0000000a"
	    "02 03 0001 0000000000000002 0000000b";
	uint8_t want[128], buf[1500];
	struct pfsync_ref_msg r1 = {1, 10}, r2 = {2, 11}, r3 = {3, 10};
	struct pfsync_pkt b;
	size_t len;

	CU_ASSERT_EQUAL_FATAL(t_hex(want_hex, want, sizeof(want)), 84);
	t_be16(want + 10, pfsync_ip_cksum(want, 20));
	CU_ASSERT_EQUAL_FATAL(pfsync_pkt_init(&b, buf, sizeof(buf), 1500), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r1), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_INS_ACK, &r2), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r3), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_count(&b, PFSYNC_ACT_DEL_C), 2);
	CU_ASSERT_EQUAL(pfsync_pkt_count(&b, PFSYNC_ACT_INS_ACK), 1);
	CU_ASSERT_EQUAL(pfsync_pkt_count(&b, PFSYNC_ACT_INS), 0);
	CU_ASSERT_EQUAL(b.n, 3);
	len = pfsync_pkt_finish(&b, src, dst, 7);
	CU_ASSERT_EQUAL(len, 84);
	CU_ASSERT_EQUAL(memcmp(buf, want, 84), 0);
}

/* Every message type round-trips through build -> parse. */
static void test_round_trip(void)
{
	uint8_t buf[9000];
	struct pfsync_pkt b;
	struct pfsync_state_msg st;
	struct pfsync_upd_c_msg u;
	struct pfsync_ref_msg r = {0x42, 0x43};
	struct pfsync_clr_msg clr = {"em1", 0x43};
	struct pfsync_bus_msg bus = {0x43, 1000, PFSYNC_BUS_START};
	struct pfsync_ip4 ip;
	struct pfsync_iter it;
	struct pfsync_msg m;
	uint8_t x[PFSYNC_STATE_LEN], y[PFSYNC_STATE_LEN];
	size_t len;
	unsigned seen = 0;

	t_state_expect(&st);
	pfsync_upd_c_from_state(&u, &st);
	CU_ASSERT_EQUAL_FATAL(pfsync_pkt_init(&b, buf, sizeof(buf), 9000), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_state(&b, PFSYNC_ACT_INS, &st), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_state(&b, PFSYNC_ACT_UPD, &st), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_state(&b, PFSYNC_ACT_DEL, &st), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_upd_c(&b, &u), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_INS_ACK, &r), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_UPD_REQ, &r), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_ref(&b, PFSYNC_ACT_DEL_C, &r), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_clr(&b, &clr), 0);
	CU_ASSERT_EQUAL(pfsync_pkt_add_bus(&b, &bus), 0);
	len = pfsync_pkt_finish(&b, src, dst, 1);
	CU_ASSERT_EQUAL_FATAL(pfsync_ip4_parse(buf, len, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL_FATAL(pfsync_frame_open(&it, ip.payload, ip.payload_len), PFSYNC_RX_OK);
	while (pfsync_frame_next(&it, &m) == 1) {
		seen |= 1u << m.action;
		CU_ASSERT_FALSE(m.skipped);
		switch (m.action) {
		case PFSYNC_ACT_INS:
		case PFSYNC_ACT_UPD:
		case PFSYNC_ACT_DEL: /* compared re-encoded: no struct padding */
			pfsync_state_encode(&m.u.state, x);
			pfsync_state_encode(&st, y);
			CU_ASSERT_EQUAL(memcmp(x, y, PFSYNC_STATE_LEN), 0);
			CU_ASSERT_EQUAL(m.u.state.id, st.id);
			break;
		case PFSYNC_ACT_UPD_C:
			pfsync_upd_c_encode(&m.u.upd_c, x);
			pfsync_upd_c_encode(&u, y);
			CU_ASSERT_EQUAL(memcmp(x, y, PFSYNC_UPD_C_LEN), 0);
			break;
		case PFSYNC_ACT_CLR:
			CU_ASSERT_STRING_EQUAL(m.u.clr.ifname, "em1");
			break;
		case PFSYNC_ACT_BUS:
			CU_ASSERT_EQUAL(m.u.bus.endtime, 1000);
			break;
		default:
			CU_ASSERT_EQUAL(m.u.ref.id, 0x42);
			CU_ASSERT_EQUAL(m.u.ref.creatorid, 0x43);
		}
	}
	CU_ASSERT_EQUAL(seen, 1u << PFSYNC_ACT_INS | 1u << PFSYNC_ACT_UPD | 1u << PFSYNC_ACT_DEL |
	                          1u << PFSYNC_ACT_UPD_C | 1u << PFSYNC_ACT_INS_ACK |
	                          1u << PFSYNC_ACT_UPD_REQ | 1u << PFSYNC_ACT_DEL_C |
	                          1u << PFSYNC_ACT_CLR | 1u << PFSYNC_ACT_BUS);
	CU_ASSERT_EQUAL(it.off, it.len);
}

/* BUS START, UPD, BUS END: the ends stay around the states (bulk order). */
static void test_tail(void)
{
	uint8_t buf[1500];
	struct pfsync_pkt b;
	struct pfsync_state_msg st;
	struct pfsync_bus_msg start = {9, 3, PFSYNC_BUS_START}, end = {9, 0, PFSYNC_BUS_END};
	struct pfsync_iter it;
	struct pfsync_msg m;
	uint8_t order[8];
	unsigned n = 0;
	size_t len;

	t_state_expect(&st);
	CU_ASSERT_EQUAL_FATAL(pfsync_pkt_init(&b, buf, sizeof(buf), 1500), 0);
	pfsync_bus_encode(&start, pfsync_pkt_reserve_tail(&b, PFSYNC_ACT_BUS));
	CU_ASSERT_EQUAL(pfsync_pkt_add_state(&b, PFSYNC_ACT_UPD, &st), 0);
	CU_ASSERT_TRUE(pfsync_pkt_fits_tail(&b, PFSYNC_ACT_BUS));
	pfsync_bus_encode(&end, pfsync_pkt_reserve_tail(&b, PFSYNC_ACT_BUS));
	len = pfsync_pkt_finish(&b, src, dst, 1);
	CU_ASSERT_EQUAL(len, 40 + 16 + 268 + 16);
	CU_ASSERT_EQUAL_FATAL(pfsync_frame_open(&it, buf + 20, len - 20), PFSYNC_RX_OK);
	while (n < 8 && pfsync_frame_next(&it, &m) == 1)
		order[n++] = m.action == PFSYNC_ACT_BUS ? m.u.bus.status : m.action;
	CU_ASSERT_EQUAL(n, 3);
	CU_ASSERT_EQUAL(order[0], PFSYNC_BUS_START);
	CU_ASSERT_EQUAL(order[1], PFSYNC_ACT_UPD);
	CU_ASSERT_EQUAL(order[2], PFSYNC_BUS_END);
}

int pfsync_test_register_build(void)
{
	static const struct t_case cases[] = {
	    {"messages per MTU", test_per_mtu},
	    {"init and type errors", test_init_errors},
	    {"one subheader per action, bytes exact", test_grouping},
	    {"every message round-trips", test_round_trip},
	    {"tail subheaders keep the bulk order", test_tail},
	    {NULL, NULL},
	};

	return t_suite("build", cases);
}
