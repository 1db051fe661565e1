/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * libFuzzer target: lib/carp's CARP parsers and digest check, and carpdump's
 * decode/format/diagnose path, on arbitrary bytes. Besides "no crash, no
 * sanitizer report" it checks the parser's promises: an accepted packet's
 * 36 header bytes lie inside the input, verify, re-encode to the same bytes,
 * and carry version 2 and TTL 255.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include "carp_auth.h"
#include "carp_wire.h"
#include "carpdump_addr.h"
#include "carpdump_decode.h"
#include "carpdump_diag.h"
#include "fuzz_check.h"

/* Fixed context: vector V2's passphrase and addresses (spec 11). */
static struct carpdump_auth *fixed_auth(void)
{
	static struct carpdump_auth a;
	static bool ready;
	struct carp_addr_list l;
	char err[64];

	if (!ready) {
		if (carpdump_addr_list_parse("198.51.100.20,192.0.2.10", &l, err, sizeof(err)) <
		        0 ||
		    carpdump_auth_init(&a, "mekmitasdigoat", &l) < 0)
			abort();
		ready = true;
	}
	return &a;
}

static void check_accepted(enum carp_parse_result r, const struct carp_pkt *p, const uint8_t *data,
                           size_t size)
{
	uint8_t again[CARP_HDR_LEN];

	CHECK((unsigned)r < CARP_PARSE__COUNT);
	CHECK(carp_parse_result_name(r)[0] != '?');
	if (r != CARP_PARSE_OK)
		return;
	CHECK(p->carp != NULL && p->carp >= data && p->carp + CARP_HDR_LEN <= data + size);
	CHECK(carp_cksum(p->carp, CARP_HDR_LEN) == 0);
	CHECK(p->adv.version == CARP_VERSION && p->ttl == CARP_TTL);
	CHECK(p->payload_len >= CARP_HDR_LEN);
	carp_adv_encode(&p->adv, again, false);
	CHECK(memcmp(again, p->carp, CARP_HDR_LEN) == 0);
}

/* carpdump's path for one link type: decode, print, authenticate. */
static void carpdump_path(int linktype, const uint8_t *data, size_t size)
{
	static const struct timeval ts = {.tv_sec = 1700000000};
	struct carpdump_pkt p;
	struct carpdump_diag d;
	char line[512];

	if (carpdump_decode(linktype, data, size, &p) < 0)
		abort(); /* only supported link types are fed */
	CHECK(carpdump_format(&p, &ts, line, sizeof(line)) > 0);
	if (!carpdump_is_valid(&p))
		return;
	CHECK(carpdump_diagnose(fixed_auth(), &p.pkt, &d) == 0);
	CHECK(carpdump_diag_text(fixed_auth(), &d, line, sizeof(line)) > 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int links[] = {
	    CARPDUMP_LINK_ETHERNET,
	    CARPDUMP_LINK_RAW,
	    CARPDUMP_LINK_LINUX_SLL,
	    CARPDUMP_LINK_LINUX_SLL2,
	};
	struct carp_pkt pkt;
	enum carp_parse_result r;

	/* The input as an IP packet of either family, and as a frame. */
	r = carp_ip4_parse(data, size, &pkt);
	check_accepted(r, &pkt, data, size);
	r = carp_ip6_parse(data, size, &pkt);
	check_accepted(r, &pkt, data, size);
	r = carp_frame_parse(data, size, &pkt);
	check_accepted(r, &pkt, data, size);
	if (r == CARP_PARSE_OK) {
		/* digest check with a fixed precomputed context */
		struct carp_auth *auth = &fixed_auth()->hmac;
		struct carp_key key;
		struct carp_addr_list l = {.n4 = 1, .v4 = {{192, 0, 2, 10}}};

		carp_key_from_passphrase(&key, "mekmitasdigoat");
		CHECK(carp_auth_prepare(auth, &key, pkt.adv.vhid, &l, NULL) == 0);
		(void)carp_auth_verify(auth, pkt.adv.counter, pkt.adv.md);
	}
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++)
		carpdump_path(links[i], data, size);
	return 0;
}
