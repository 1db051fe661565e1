/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: lib/pf's packet path. An input is a sequence of
 * packets, each [control byte][length: 2 bytes LE][frame]; the control
 * byte picks the interface, direction, Ethernet or bare IP and how far
 * the clock moves. One filter per input runs a ruleset with NAT, tables,
 * quick, sloppy and limits; states made by early packets are tracked,
 * translated and expired by later ones.
 * Invariants (abort = a finding): the state table and the key table
 * agree after every packet (each state's two keys find it, nothing else
 * is there); a packet whose checksums were right and that was translated
 * still has right checksums (recomputed from scratch); no sanitizer report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pf_filter.h"
#include "pf_fixture.h"
#include "pf_frames.h"
#include "pf_parse.h"
#include "pf_pkt.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define NSLOTS 48
#define NENTS  128

static const char conf[] =
    "table <inside> { 192.0.2.0/24 2001:db8:1::/48 !192.0.2.200 }\n"
    "set skip on pfsync0\n"
    "set limit states 40\n"
    "block all\n"
    "pass in on lan0 from <inside>\n"
    "pass out on wan0\n"
    "match out on wan0 inet from <inside> nat-to (carp0) port 60000:60007\n"
    "pass in on wan0 proto tcp to (carp0) port { 80 443 } keep state (max 10)\n"
    "pass in quick on srv0 proto udp keep state (sloppy)\n"
    "pass on { lan0 wan0 } proto carp keep state (no-sync)\n"
    "pass inet proto icmp\n"
    "pass inet6 proto icmp6 keep state (sloppy)\n"
    "pass out on srv0 inet proto tcp from any to 198.51.100.0/24 nat-to 198.51.100.1 "
    "static-port\n";

static struct pf_ruleset *rs;
static struct pf_slot slots[NSLOTS];
static struct pf_refent ents[NENTS];

static void invariant(bool ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz invariant failed: %s\n", what);
		abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char err[PF_ERR_MAX];

	(void)argc;
	(void)argv;
	rs = pf_parse_buffer("fuzz.conf", conf, sizeof(conf) - 1, &t_ifs, err, sizeof(err));
	if (rs == NULL) {
		fprintf(stderr, "fuzz ruleset: %s\n", err);
		abort();
	}
	return 0;
}

static void tables_agree(struct pf_filter *f)
{
	uint32_t i, n = 0;

	for (i = 0; i < NSLOTS; i++) {
		const struct pf_state *st = &slots[i].st;

		if (!slots[i].in_use)
			continue;
		n++;
		invariant(pf_reftable_find(&f->ht, &st->key[PF_SK_WIRE], PF_IN) == i,
		          "a state's wire key finds it");
		invariant(pf_reftable_find(&f->ht, &st->key[PF_SK_STACK], PF_OUT) == i,
		          "a state's stack key finds it");
	}
	invariant(n == f->tab.status.states, "states counted");
	invariant(f->ht.n == 2 * n, "two keys per state, nothing else");
	invariant(f->tab.status.states_halfopen <= n, "half-open within states");
}

/* Checksums we can verify from scratch: a plain frame without VLAN or extension headers. */
static bool checkable(uint8_t *buf, size_t len, bool ether)
{
	struct pf_pkt p;
	enum pf_reason why;
	unsigned l3 = ether ? 14 : 0;

	if (!pf_pkt_parse(&p, buf, len, ether, &why) || p.af == 0 || p.fragment || p.l3 != l3)
		return false;
	if (p.l4 != l3 + (p.af == PF_AF_INET ? 20 : 40))
		return false;
	return t_cksums_ok(buf, len, ether);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[4096];
	struct pf_filter f;
	uint32_t now = 1000;
	size_t off = 0;
	unsigned count = 0;

	if (pf_filter_init(&f, slots, NSLOTS, ents, NENTS, 0xfeed, size + 1) != 0)
		abort();
	pf_filter_set_ruleset(&f, rs, 1);
	while (off + 3 <= size && count++ < 64) {
		uint8_t ctl = data[off];
		size_t len = (size_t)(data[off + 1] | data[off + 2] << 8), room = size - off - 3;
		bool ether = !(ctl & 0x10), ok_before;
		struct pf_result r;

		if (len > room)
			len = room;
		if (len > sizeof(buf))
			len = sizeof(buf);
		memcpy(buf, data + off + 3, len);
		off += 3 + len;
		now += ctl >> 5;
		ok_before = checkable(buf, len, ether);
		pf_filter_packet(&f, (uint16_t)((ctl & 7) % (T_NIFS + 1)), ctl & 8 ? PF_OUT : PF_IN,
		                 buf, len, ether, now, &r);
		invariant(r.action == PF_PASS || r.action == PF_DROP, "a verdict");
		if (ok_before && r.translated)
			invariant(t_cksums_ok(buf, len, ether),
			          "translation keeps checksums right");
		tables_agree(&f);
		if ((count & 7) == 0) {
			pf_filter_purge(&f, now, 16);
			tables_agree(&f);
		}
	}
	pf_filter_purge(&f, now + 200000, NSLOTS);
	invariant(f.tab.status.states == 0 && f.ht.n == 0, "everything expires");
	return 0;
}
