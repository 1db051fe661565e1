/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: lib/pfsync's receive path on arbitrary bytes taken as
 * an IPv4 packet: the IPv4 and frame parsers with their promises (the walk
 * stays inside the frame and ends; every decoded message re-encodes to
 * the bytes it came from), pfsyncdump's printer with a key, and the whole
 * engine (authentication off and required, merge, deletes, bulk requests,
 * defer) on a small in-memory table.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "pfsync_engine.h"
#include "pfsyncdump_fmt.h"
#include "fuzz_check.h"

static const uint8_t key[32] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11, 12, 13, 14, 15,
                                16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

/* ---- a tiny table ------------------------------------------------------- */

#define TMAX 32
static struct pfsync_state_msg tab[TMAX];
static unsigned ntab, walk;

static struct pfsync_state_msg *tfind(uint64_t id, uint32_t c)
{
	for (unsigned i = 0; i < ntab; i++)
		if (tab[i].id == id && tab[i].creatorid == c)
			return &tab[i];
	return NULL;
}

static bool t_lookup(void *a, uint64_t id, uint32_t c, struct pfsync_state_msg *out)
{
	struct pfsync_state_msg *s = tfind(id, c);

	(void)a;
	if (s != NULL)
		*out = *s;
	return s != NULL;
}

static int t_import(void *a, const struct pfsync_state_msg *st)
{
	(void)a;
	if (tfind(st->id, st->creatorid) != NULL)
		return -EEXIST;
	if (ntab >= TMAX)
		return -ENOMEM;
	tab[ntab++] = *st;
	return 0;
}

static void t_merge(void *a, uint64_t id, uint32_t c, const struct pfsync_merge *m)
{
	struct pfsync_state_msg *s = tfind(id, c);

	(void)a;
	CHECK(m->stale == (unsigned)!m->take_src + (unsigned)!m->take_dst);
	CHECK(m->send_update == (m->stale > 0) && m->refresh == (m->stale < 2));
	if (s != NULL)
		pfsync_merge_apply(m, s);
}

static bool t_remove(void *a, uint64_t id, uint32_t c)
{
	struct pfsync_state_msg *s = tfind(id, c);

	(void)a;
	if (s == NULL)
		return false;
	*s = tab[--ntab];
	return true;
}

static unsigned t_clear(void *a, uint32_t c, const char *ifname)
{
	unsigned i = 0, n = 0;

	(void)a;
	CHECK(strlen(ifname) <= PFSYNC_IFNAMSIZ);
	while (i < ntab) {
		if (tab[i].creatorid == c) {
			tab[i] = tab[--ntab];
			n++;
		} else {
			i++;
		}
	}
	return n;
}

static uint32_t t_bulk_begin(void *a)
{
	(void)a;
	walk = 0;
	return ntab;
}

static bool t_bulk_next(void *a, struct pfsync_state_msg *out)
{
	(void)a;
	if (walk >= ntab)
		return false;
	*out = tab[walk++];
	return true;
}

static const struct pfsync_table_ops ops = {t_lookup, t_import,     t_merge,    t_remove,
                                            t_clear,  t_bulk_begin, t_bulk_next};

/* ---- parser promises ---------------------------------------------------- */

static void reencode_check(const struct pfsync_iter *it, const struct pfsync_msg *m)
{
	uint8_t again[PFSYNC_STATE_LEN];
	const uint8_t *orig = it->buf + m->offset;
	unsigned n = pfsync_act_len(m->action);

	switch (m->action) {
	case PFSYNC_ACT_INS:
	case PFSYNC_ACT_UPD:
	case PFSYNC_ACT_DEL:
		pfsync_state_encode(&m->u.state, again);
		/* pads and bytes after an ifname's NUL are not fields */
		CHECK(memcmp(again, orig, 8) == 0 && memcmp(again + 168, orig + 168, 96) == 0);
		return;
	case PFSYNC_ACT_UPD_C:
		pfsync_upd_c_encode(&m->u.upd_c, again);
		CHECK(memcmp(again, orig, 8) == 0 && memcmp(again + 72, orig + 72, 10) == 0);
		return;
	case PFSYNC_ACT_INS_ACK:
	case PFSYNC_ACT_UPD_REQ:
	case PFSYNC_ACT_DEL_C:
		pfsync_ref_encode(&m->u.ref, again);
		break;
	case PFSYNC_ACT_BUS:
		pfsync_bus_encode(&m->u.bus, again);
		n = 9;
		break;
	case PFSYNC_ACT_TDB:
		pfsync_tdb_encode(&m->u.tdb, again);
		break;
	default:
		return; /* CLR: the name */
	}
	CHECK(memcmp(again, orig, n) == 0);
}

static void parse_path(const uint8_t *data, size_t size)
{
	struct pfsync_ip4 ip;
	struct pfsync_iter it;
	static struct pfsync_msg m;
	unsigned steps = 0;
	int rc;

	if (pfsync_ip4_parse(data, size, &ip) != PFSYNC_RX_OK)
		return;
	CHECK(ip.payload + ip.payload_len <= data + size);
	if (pfsync_frame_open(&it, ip.payload, ip.payload_len) != PFSYNC_RX_OK)
		return;
	CHECK(it.len <= ip.payload_len && it.len >= PFSYNC_HDR_LEN);
	while ((rc = pfsync_frame_next(&it, &m)) > 0) {
		CHECK(++steps <= it.len); /* every step consumes, or ends */
		CHECK(it.off <= it.len);
		if (m.skipped)
			continue;
		CHECK(m.offset + m.mlen <= it.len && m.mlen >= pfsync_act_len(m.action));
		CHECK(m.index < m.count);
		reencode_check(&it, &m);
	}
	CHECK(rc == 0 || it.reason == PFSYNC_RX_BADACT || it.reason == PFSYNC_RX_BADLEN);
}

/* ---- pfsyncdump's printer and the engine -------------------------------- */

static void dump_path(const uint8_t *data, size_t size, struct pfsync_auth *auth)
{
	static const struct timeval ts = {.tv_sec = 1700000000};
	static FILE *null;
	struct capture_l3 l3 = {.ethertype = CAPTURE_ETHERTYPE_IP4, .data = data, .len = size};
	struct pfsyncdump_result res;

	if (null == NULL && (null = fopen("/dev/null", "w")) == NULL)
		abort();
	pfsyncdump_print(null, &l3, &ts, 2, auth, &res);
	CHECK(res.reason < PFSYNC_RX__COUNT);
}

static struct pfsync_engine *engine(enum pfsync_auth_mode mode)
{
	struct pfsync_config c;
	struct pfsync_engine *e;
	struct pfsync_out buf[PFSYNC_OUTS_HINT(32, 128)];
	struct pfsync_outs out;

	pfsync_config_default(&c);
	c.auth = mode;
	c.defer = true;
	c.queue_max = 64;
	c.ureq_max = 16;
	c.creatorid = 0x0a0b0c0d;
	e = pfsync_engine_new(&c, &ops, NULL);
	if (e == NULL || pfsync_engine_set_key(e, 0, key, sizeof(key)) < 0)
		abort();
	pfsync_outs_init(&out, buf, sizeof(buf) / sizeof(buf[0]));
	if (pfsync_engine_up(e, 1000000, 1700000000000ull, true, &out) < 0)
		abort();
	return e;
}

static void engine_path(struct pfsync_engine *e, const uint8_t *data, size_t size)
{
	static struct pfsync_out buf[PFSYNC_OUTS_HINT(32, 128)];
	static uint64_t now = 2000000;
	struct pfsync_outs out;
	struct pfsync_status st;
	unsigned i;

	pfsync_outs_init(&out, buf, sizeof(buf) / sizeof(buf[0]));
	now += 1000;
	pfsync_engine_input(e, now, data, size, true, &out);
	CHECK(out.dropped == 0);
	for (i = 0; i < out.n; i++)
		if (out.a[i].type == PFSYNC_OUT_SEND)
			CHECK(out.a[i].u.send.len >= PFSYNC_MINPKT && out.a[i].u.send.len <= 1500);
	while (pfsync_engine_bulk_pending(e) && i++ < 64) {
		pfsync_outs_clear(&out);
		pfsync_engine_bulk_packet(e, now, &out);
	}
	pfsync_outs_clear(&out);
	pfsync_engine_timeout(e, now + 20000000, &out); /* every timer */
	pfsync_engine_status(e, &st);
	CHECK(st.demotion == 0 || st.demotion == 1 || st.demotion == 32 || st.demotion == 33);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pfsync_engine *open_e, *required_e;
	static struct pfsync_auth auth;
	static bool ready;

	if (!ready) {
		if (pfsync_auth_init(&auth) < 0 || pfsync_auth_set_key(&auth, 0, key, 32) < 0)
			abort();
		open_e = engine(PFSYNC_AUTH_OFF);
		required_e = engine(PFSYNC_AUTH_REQUIRED);
		ready = true;
	}
	parse_path(data, size);
	dump_path(data, size, &auth);
	engine_path(open_e, data, size);
	engine_path(required_e, data, size);
	return 0;
}
