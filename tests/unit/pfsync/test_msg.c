/* SPDX-License-Identifier: BSD-2-Clause */
/* Message codec: every field at the spec's offset, both directions, and
 * OpenBSD's value checks (badval). */
#include <string.h>

#include "pfsync_msg.h"
#include "pfsync_test.h"

static void test_sizes(void)
{
	/* spec 0.2 and 1.2/1.3 */
	CU_ASSERT_EQUAL(PFSYNC_STATE_LEN, 264);
	CU_ASSERT_EQUAL(PFSYNC_UPD_C_LEN, 84);
	CU_ASSERT_EQUAL(PFSYNC_REF_LEN, 12);
	CU_ASSERT_EQUAL(PFSYNC_BUS_LEN, 12);
	CU_ASSERT_EQUAL(PFSYNC_CLR_LEN, 20);
	CU_ASSERT_EQUAL(PFSYNC_TDB_LEN, 52);
	CU_ASSERT_EQUAL(PFSYNC_PEER_LEN, 32);
	CU_ASSERT_EQUAL(PFSYNC_KEY_LEN, 40);
	CU_ASSERT_EQUAL(PFSYNC_SCRUB_LEN, 8);
	CU_ASSERT_EQUAL(PFSYNC_HDR_LEN, 20);
	CU_ASSERT_EQUAL(PFSYNC_SUBH_LEN, 4);
	CU_ASSERT_EQUAL(pfsync_act_len(PFSYNC_ACT_INS), 264);
	CU_ASSERT_EQUAL(pfsync_act_len(PFSYNC_ACT_UPD), 264);
	CU_ASSERT_EQUAL(pfsync_act_len(PFSYNC_ACT_DEL), 264);
	CU_ASSERT_EQUAL(pfsync_act_len(PFSYNC_ACT_UPD_C), 84);
	CU_ASSERT_EQUAL(pfsync_act_len(PFSYNC_ACT_DEL_C), 12);
	CU_ASSERT_EQUAL(pfsync_act_len(PFSYNC_ACT_EOF), 0);
	CU_ASSERT_EQUAL(pfsync_act_len(16), 0);
}

static void test_names(void)
{
	/* action numbers (spec 1.2) and tcpdump's labels */
	CU_ASSERT_EQUAL(PFSYNC_ACT_CLR, 0);
	CU_ASSERT_EQUAL(PFSYNC_ACT_INS_ACK, 2);
	CU_ASSERT_EQUAL(PFSYNC_ACT_UPD_C, 4);
	CU_ASSERT_EQUAL(PFSYNC_ACT_UPD_REQ, 5);
	CU_ASSERT_EQUAL(PFSYNC_ACT_DEL, 6);
	CU_ASSERT_EQUAL(PFSYNC_ACT_DEL_C, 7);
	CU_ASSERT_EQUAL(PFSYNC_ACT_BUS, 10);
	CU_ASSERT_EQUAL(PFSYNC_ACT_EOF, 12);
	CU_ASSERT_EQUAL(PFSYNC_ACT_INS, 13);
	CU_ASSERT_EQUAL(PFSYNC_ACT_UPD, 14);
	CU_ASSERT_EQUAL(PFSYNC_ACT_TDB, 15);
	CU_ASSERT_STRING_EQUAL(pfsync_act_label(PFSYNC_ACT_UPD_C), "UPD ST COMP");
	CU_ASSERT_STRING_EQUAL(pfsync_act_label(PFSYNC_ACT_BUS), "BULK UPD STAT");
	CU_ASSERT_STRING_EQUAL(pfsync_act_name(PFSYNC_ACT_DEL_C), "del_c");
	CU_ASSERT_STRING_EQUAL(pfsync_act_name(16), "?");
	CU_ASSERT_EQUAL(PFTM_TCP_ESTABLISHED, 2);
	CU_ASSERT_EQUAL(PFTM_UDP_MULTIPLE, 8);
	CU_ASSERT_EQUAL(PFTM_TS_DIFF, 19);
	CU_ASSERT_EQUAL(PFTM_MAX, 20);
	CU_ASSERT_STRING_EQUAL(pfsync_timeout_name(PFTM_TCP_ESTABLISHED), "tcp.established");
	CU_ASSERT_STRING_EQUAL(pfsync_timeout_name(PFTM_MAX), "?");
	CU_ASSERT_STRING_EQUAL(pfsync_peer_state_name(6, 4), "ESTABLISHED");
	CU_ASSERT_STRING_EQUAL(pfsync_peer_state_name(6, 12), "PROXY:DST");
	CU_ASSERT_STRING_EQUAL(pfsync_peer_state_name(6, 13), "?");
	CU_ASSERT_STRING_EQUAL(pfsync_peer_state_name(17, 2), "MULTIPLE");
	CU_ASSERT_EQUAL(PFSTATE_SLOPPY, 0x0002);
	CU_ASSERT_EQUAL(PFSTATE_NOSYNC, 0x0008);
	CU_ASSERT_EQUAL(PFSTATE_ACK, 0x0010);
	CU_ASSERT_EQUAL(PFSYNC_AF_INET6, 24);
}

static void test_state_decode(void)
{
	uint8_t b[264];
	struct pfsync_state_msg got, want;

	t_state_bytes(b);
	t_state_expect(&want);
	memset(&got, 0, sizeof(got));
	pfsync_state_decode(&got, b);
	CU_ASSERT_EQUAL(got.id, want.id);
	CU_ASSERT_STRING_EQUAL(got.ifname, "em0");
	CU_ASSERT_EQUAL(got.key[1].port[0], 40001);
	CU_ASSERT_EQUAL(got.src.seqhi, 0x20000001u);
	CU_ASSERT_EQUAL(got.dst.scrub.pfss_ts_mod, 0xa0000002u);
	CU_ASSERT_EQUAL(got.packets[0], 0x0000000100000002ull);
	CU_ASSERT_EQUAL(got.rtableid[1], -1);
	CU_ASSERT_EQUAL(got.state_flags, PFSTATE_SLOPPY | PFSTATE_ACK);
	CU_ASSERT_EQUAL(got.set_prio[1], 5);
	CU_ASSERT_EQUAL(memcmp(&got, &want, sizeof(got)), 0);
}

static void test_state_encode(void)
{
	uint8_t want[264], got[264];
	struct pfsync_state_msg m;

	t_state_bytes(want);
	t_state_expect(&m);
	memset(got, 0xee, sizeof(got)); /* pads must be written as zero */
	pfsync_state_encode(&m, got);
	CU_ASSERT_EQUAL(memcmp(got, want, sizeof(got)), 0);
}

/* One field set alone must land exactly at its spec offset. */
struct field {
	const char *name;
	unsigned off, size;
	void (*set)(struct pfsync_state_msg *);
};

#define SETTER(fname, stmt)                                                                        \
	static void set_##fname(struct pfsync_state_msg *m)                                        \
	{                                                                                          \
		stmt;                                                                              \
	}
SETTER(id, m->id = ~0ull)
SETTER(ifname, memset(m->ifname, 'x', 16))
SETTER(k0addr, memset(m->key[0].addr, 1, 32))
SETTER(k0port, m->key[0].port[0] = m->key[0].port[1] = 0xffff)
SETTER(k0rdom, m->key[0].rdomain = 0xffff)
SETTER(k0af, m->key[0].af = 24)
SETTER(k1addr, memset(m->key[1].addr, 1, 32))
SETTER(k1port, m->key[1].port[0] = m->key[1].port[1] = 0xffff)
SETTER(k1rdom, m->key[1].rdomain = 0xffff)
SETTER(k1af, m->key[1].af = 24)
SETTER(sscrubf, m->src.scrub.pfss_flags = 0xffff)
SETTER(sscrubttl, m->src.scrub.pfss_ttl = 0xff)
SETTER(sscrubflag, m->src.scrub.scrub_flag = 0xff)
SETTER(sscrubts, m->src.scrub.pfss_ts_mod = ~0u)
SETTER(sseqlo, m->src.seqlo = ~0u)
SETTER(sseqhi, m->src.seqhi = ~0u)
SETTER(sseqdiff, m->src.seqdiff = ~0u)
SETTER(smaxwin, m->src.max_win = 0xffff)
SETTER(smss, m->src.mss = 0xffff)
SETTER(sstate, m->src.state = 0xff)
SETTER(swscale, m->src.wscale = 0xff)
SETTER(dseqlo, m->dst.seqlo = ~0u)
SETTER(dwscale, m->dst.wscale = 0xff)
SETTER(rtaddr, memset(m->rt_addr, 1, 16))
SETTER(rule, m->rule = ~0u)
SETTER(anchor, m->anchor = ~0u)
SETTER(natrule, m->nat_rule = ~0u)
SETTER(creation, m->creation = ~0u)
SETTER(expire, m->expire = ~0u)
SETTER(packets, m->packets[0] = m->packets[1] = ~0ull)
SETTER(bytes, m->bytes[0] = m->bytes[1] = ~0ull)
SETTER(creatorid, m->creatorid = ~0u)
SETTER(rtableid, m->rtableid[0] = m->rtableid[1] = -1)
SETTER(maxmss, m->max_mss = 0xffff)
SETTER(af, m->af = 0xff)
SETTER(proto, m->proto = 0xff)
SETTER(direction, m->direction = 0xff)
SETTER(log, m->log = 0xff)
SETTER(rt, m->rt = 0xff)
SETTER(timeout, m->timeout = 0xff)
SETTER(syncflags, m->sync_flags = 0xff)
SETTER(updates, m->updates = 0xff)
SETTER(minttl, m->min_ttl = 0xff)
SETTER(settos, m->set_tos = 0xff)
SETTER(stateflags, m->state_flags = 0xffff)
SETTER(setprio, m->set_prio[0] = m->set_prio[1] = 0xff)

static const struct field state_fields[] = {
    {"id", 0, 8, set_id},
    {"ifname", 8, 16, set_ifname},
    {"key[0].addr", 24, 32, set_k0addr},
    {"key[0].port", 56, 4, set_k0port},
    {"key[0].rdomain", 60, 2, set_k0rdom},
    {"key[0].af", 62, 1, set_k0af},
    {"key[1].addr", 64, 32, set_k1addr},
    {"key[1].port", 96, 4, set_k1port},
    {"key[1].rdomain", 100, 2, set_k1rdom},
    {"key[1].af", 102, 1, set_k1af},
    {"src.scrub.pfss_flags", 104, 2, set_sscrubf},
    {"src.scrub.pfss_ttl", 106, 1, set_sscrubttl},
    {"src.scrub.scrub_flag", 107, 1, set_sscrubflag},
    {"src.scrub.pfss_ts_mod", 108, 4, set_sscrubts},
    {"src.seqlo", 112, 4, set_sseqlo},
    {"src.seqhi", 116, 4, set_sseqhi},
    {"src.seqdiff", 120, 4, set_sseqdiff},
    {"src.max_win", 124, 2, set_smaxwin},
    {"src.mss", 126, 2, set_smss},
    {"src.state", 128, 1, set_sstate},
    {"src.wscale", 129, 1, set_swscale},
    {"dst.seqlo", 144, 4, set_dseqlo},
    {"dst.wscale", 161, 1, set_dwscale},
    {"rt_addr", 168, 16, set_rtaddr},
    {"rule", 184, 4, set_rule},
    {"anchor", 188, 4, set_anchor},
    {"nat_rule", 192, 4, set_natrule},
    {"creation", 196, 4, set_creation},
    {"expire", 200, 4, set_expire},
    {"packets", 204, 16, set_packets},
    {"bytes", 220, 16, set_bytes},
    {"creatorid", 236, 4, set_creatorid},
    {"rtableid", 240, 8, set_rtableid},
    {"max_mss", 248, 2, set_maxmss},
    {"af", 250, 1, set_af},
    {"proto", 251, 1, set_proto},
    {"direction", 252, 1, set_direction},
    {"log", 253, 1, set_log},
    {"rt", 254, 1, set_rt},
    {"timeout", 255, 1, set_timeout},
    {"sync_flags", 256, 1, set_syncflags},
    {"updates", 257, 1, set_updates},
    {"min_ttl", 258, 1, set_minttl},
    {"set_tos", 259, 1, set_settos},
    {"state_flags", 260, 2, set_stateflags},
    {"set_prio", 262, 2, set_setprio},
};

static void test_state_offsets(void)
{
	unsigned i, j;

	for (i = 0; i < sizeof(state_fields) / sizeof(state_fields[0]); i++) {
		const struct field *f = &state_fields[i];
		struct pfsync_state_msg m, back;
		uint8_t b[264];
		bool ok = true;

		memset(&m, 0, sizeof(m));
		f->set(&m);
		pfsync_state_encode(&m, b);
		for (j = 0; j < 264; j++) {
			bool inside = j >= f->off && j < f->off + f->size;

			if (inside != (b[j] != 0))
				ok = false;
		}
		/* the failure message names the field that moved */
		CU_assertImplementation(ok, __LINE__, f->name, __FILE__, "", CU_FALSE);
		memset(&back, 0, sizeof(back));
		pfsync_state_decode(&back, b);
		CU_ASSERT_EQUAL(memcmp(&back, &m, sizeof(m)), 0);
	}
}

static void test_upd_c(void)
{
	uint8_t want[84], got[84];
	struct pfsync_upd_c_msg u, back;
	struct pfsync_state_msg st;
	uint8_t sb[264];

	/* id 0:8, src 8:32, dst 40:32, creatorid 72:4, expire 76:4,
	 * timeout 80:1, state_flags 81:1, pad 82:2 */
	t_state_bytes(sb);
	memset(want, 0, sizeof(want));
	t_be64(want + 0, 0x0123456789abcdefull);
	memcpy(want + 8, sb + 104, 32);
	memcpy(want + 40, sb + 136, 32);
	t_be32(want + 72, 0xc0ffee01);
	t_be32(want + 76, 0); /* OpenBSD's sender: expire 0 */
	want[80] = 2;
	want[81] = 0; /* and state_flags 0 */
	t_state_expect(&st);
	pfsync_upd_c_from_state(&u, &st);
	memset(got, 0xee, sizeof(got));
	pfsync_upd_c_encode(&u, got);
	CU_ASSERT_EQUAL(memcmp(got, want, 84), 0);
	want[79] = 9;    /* expire 9 */
	want[81] = 0x02; /* state_flags as some senders set them */
	memset(&back, 0, sizeof(back));
	pfsync_upd_c_decode(&back, want);
	CU_ASSERT_EQUAL(back.id, st.id);
	CU_ASSERT_EQUAL(back.creatorid, st.creatorid);
	CU_ASSERT_EQUAL(back.expire, 9);
	CU_ASSERT_EQUAL(back.timeout, 2);
	CU_ASSERT_EQUAL(back.state_flags, 0x02);
	CU_ASSERT_EQUAL(memcmp(&back.src, &st.src, sizeof(st.src)), 0);
	CU_ASSERT_EQUAL(memcmp(&back.dst, &st.dst, sizeof(st.dst)), 0);
}

static void test_small_messages(void)
{
	uint8_t b[52], w[52];
	struct pfsync_ref_msg r = {0x1122334455667788ull, 0xdeadbeef}, r2;
	struct pfsync_bus_msg bus = {0x01020304, 0x0a0b0c0d, PFSYNC_BUS_END}, bus2;
	struct pfsync_clr_msg clr = {"vio0", 0x55aa55aa}, clr2;
	struct pfsync_tdb_msg t, t2;

	/* ref: id 0:8, creatorid 8:4 */
	t_hex("1122334455667788 deadbeef", w, sizeof(w));
	pfsync_ref_encode(&r, b);
	CU_ASSERT_EQUAL(memcmp(b, w, 12), 0);
	pfsync_ref_decode(&r2, w);
	CU_ASSERT_EQUAL(r2.id, r.id);
	CU_ASSERT_EQUAL(r2.creatorid, r.creatorid);
	/* bus: creatorid 0:4, endtime 4:4, status 8:1, pad 9:3 */
	t_hex("01020304 0a0b0c0d 02 000000", w, sizeof(w));
	memset(b, 0xee, sizeof(b));
	pfsync_bus_encode(&bus, b);
	CU_ASSERT_EQUAL(memcmp(b, w, 12), 0);
	pfsync_bus_decode(&bus2, w);
	CU_ASSERT_EQUAL(bus2.creatorid, bus.creatorid);
	CU_ASSERT_EQUAL(bus2.endtime, bus.endtime);
	CU_ASSERT_EQUAL(bus2.status, PFSYNC_BUS_END);
	/* clr: ifname 0:16, creatorid 16:4 */
	t_hex("76696f30000000000000000000000000 55aa55aa", w, sizeof(w));
	memset(b, 0xee, sizeof(b));
	pfsync_clr_encode(&clr, b);
	CU_ASSERT_EQUAL(memcmp(b, w, 20), 0);
	pfsync_clr_decode(&clr2, w);
	CU_ASSERT_STRING_EQUAL(clr2.ifname, "vio0");
	CU_ASSERT_EQUAL(clr2.creatorid, 0x55aa55aa);
	/* tdb: spi 0:4, dst 4:28, rpl 32:8, cur_bytes 40:8, sproto 48,
	 * updates 49, rdomain 50:2 */
	memset(w, 0, sizeof(w));
	memset(&t, 0, sizeof(t));
	memset(&t2, 0, sizeof(t2));
	t_be32(w + 0, 0x00001001);
	w[4] = 16, w[5] = 2, w[8] = 192, w[9] = 0, w[10] = 2, w[11] = 1;
	t_be64(w + 32, 77);
	t_be64(w + 40, 1ull << 40);
	w[48] = 50, w[49] = 3;
	t_be16(w + 50, 1);
	pfsync_tdb_decode(&t, w);
	CU_ASSERT_EQUAL(t.spi, 0x1001);
	CU_ASSERT_EQUAL(t.dst[4], 192); /* sockaddr_in: len, family, port, addr */
	CU_ASSERT_EQUAL(t.rpl, 77);
	CU_ASSERT_EQUAL(t.cur_bytes, 1ull << 40);
	CU_ASSERT_EQUAL(t.sproto, 50);
	CU_ASSERT_EQUAL(t.updates, 3);
	CU_ASSERT_EQUAL(t.rdomain, 1);
	pfsync_tdb_encode(&t, b);
	CU_ASSERT_EQUAL(memcmp(b, w, 52), 0);
	pfsync_tdb_decode(&t2, b);
	CU_ASSERT_EQUAL(memcmp(&t2, &t, sizeof(t)), 0);
}

static void test_ifname_edges(void)
{
	struct pfsync_state_msg m;
	uint8_t b[264];

	memset(&m, 0, sizeof(m));
	/* a 16-byte name with no NUL (strlcpy never sends one, the wire may) */
	memset(b, 0, sizeof(b));
	memcpy(b + 8, "abcdefghijklmnop", 16);
	pfsync_state_decode(&m, b);
	CU_ASSERT_STRING_EQUAL(m.ifname, "abcdefghijklmnop");
	/* bytes after the NUL are not part of the name */
	memcpy(b + 8, "all\0garbage", 11);
	pfsync_state_decode(&m, b);
	CU_ASSERT_STRING_EQUAL(m.ifname, "all");
	pfsync_state_encode(&m, b);
	CU_ASSERT_EQUAL(b[12], 0);
	CU_ASSERT_EQUAL(b[13], 0);
}

static void test_valid(void)
{
	struct pfsync_state_msg st;
	struct pfsync_upd_c_msg u;

	t_state_expect(&st);
	CU_ASSERT_TRUE(pfsync_state_valid_ins(&st));
	CU_ASSERT_TRUE(pfsync_state_valid_upd(&st));
	st.timeout = PFTM_MAX - 1;
	CU_ASSERT_TRUE(pfsync_state_valid_ins(&st));
	st.timeout = PFTM_MAX;
	CU_ASSERT_FALSE(pfsync_state_valid_ins(&st));
	CU_ASSERT_FALSE(pfsync_state_valid_upd(&st));
	t_state_expect(&st);
	st.src.state = PFSYNC_TCPS_PROXY_DST;
	CU_ASSERT_TRUE(pfsync_state_valid_ins(&st));
	st.src.state = PFSYNC_TCPS_PROXY_DST + 1;
	CU_ASSERT_FALSE(pfsync_state_valid_ins(&st));
	CU_ASSERT_FALSE(pfsync_state_valid_upd(&st));
	t_state_expect(&st);
	st.dst.state = 13;
	CU_ASSERT_FALSE(pfsync_state_valid_upd(&st));
	t_state_expect(&st);
	st.direction = PFSYNC_PF_OUT + 1;
	CU_ASSERT_FALSE(pfsync_state_valid_ins(&st));
	CU_ASSERT_TRUE(pfsync_state_valid_upd(&st)); /* UPD does not check it */
	t_state_expect(&st);
	st.af = 10; /* Linux AF_INET6: not OpenBSD's */
	CU_ASSERT_FALSE(pfsync_state_valid_ins(&st));
	st.af = PFSYNC_AF_INET6;
	st.key[0].af = st.key[1].af = PFSYNC_AF_INET6;
	CU_ASSERT_TRUE(pfsync_state_valid_ins(&st));
	st.key[0].af = st.key[1].af = 0; /* keys without af: accepted */
	CU_ASSERT_TRUE(pfsync_state_valid_ins(&st));
	st.key[1].af = PFSYNC_AF_INET; /* one set: both must be */
	CU_ASSERT_FALSE(pfsync_state_valid_ins(&st));
	st.key[0].af = PFSYNC_AF_INET;
	CU_ASSERT_TRUE(pfsync_state_valid_ins(&st));
	pfsync_upd_c_from_state(&u, &st);
	CU_ASSERT_TRUE(pfsync_upd_c_valid(&u));
	u.timeout = PFTM_MAX;
	CU_ASSERT_FALSE(pfsync_upd_c_valid(&u));
	u.timeout = 0;
	u.dst.state = 13;
	CU_ASSERT_FALSE(pfsync_upd_c_valid(&u));
}

int pfsync_test_register_msg(void)
{
	static const struct t_case cases[] = {
	    {"sizes", test_sizes},
	    {"names", test_names},
	    {"state decode: every field", test_state_decode},
	    {"state encode: byte exact", test_state_encode},
	    {"state: each field at its offset", test_state_offsets},
	    {"upd_c", test_upd_c},
	    {"ref, bus, clr, tdb", test_small_messages},
	    {"ifname edges", test_ifname_edges},
	    {"badval checks", test_valid},
	    {NULL, NULL},
	};

	return t_suite("msg", cases);
}
