/* SPDX-License-Identifier: BSD-2-Clause */
/* Helpers for the lib/pfsync unit tests (see pfsync_test.h). */
#include "pfsync_test.h"

#include <ctype.h>
#include <string.h>

#include "pfsync_msg.h"

int t_suite(const char *name, const struct t_case *cases)
{
	CU_pSuite s = CU_add_suite(name, NULL, NULL);

	if (s == NULL)
		return -1;
	for (; cases->name != NULL; cases++)
		if (CU_add_test(s, cases->name, cases->fn) == NULL)
			return -1;
	return 0;
}

void t_be16(uint8_t *b, uint16_t v)
{
	b[0] = (uint8_t)(v >> 8);
	b[1] = (uint8_t)v;
}

void t_be32(uint8_t *b, uint32_t v)
{
	t_be16(b, (uint16_t)(v >> 16));
	t_be16(b + 2, (uint16_t)v);
}

void t_be64(uint8_t *b, uint64_t v)
{
	t_be32(b, (uint32_t)(v >> 32));
	t_be32(b + 4, (uint32_t)v);
}

int t_hex(const char *s, uint8_t *buf, size_t cap)
{
	size_t n = 0;
	int hi = -1;

	for (; *s; s++) {
		int v;

		if (isspace((unsigned char)*s))
			continue;
		if (!isxdigit((unsigned char)*s))
			return -1;
		v = isdigit((unsigned char)*s) ? *s - '0' : (tolower((unsigned char)*s) - 'a' + 10);
		if (hi < 0) {
			hi = v;
			continue;
		}
		if (n >= cap)
			return -1;
		buf[n++] = (uint8_t)(hi << 4 | v);
		hi = -1;
	}
	return hi < 0 ? (int)n : -1;
}

/* Peer at `b`: offsets of struct pfsync_state_peer (scrub 0:8 ...). */
static void peer_bytes(uint8_t *b, uint32_t base)
{
	t_be16(b + 0, 0x0001);                     /* scrub.pfss_flags: PFSS_TIMESTAMP */
	b[2] = (uint8_t)(64 + base);               /* pfss_ttl */
	b[3] = 0x01;                               /* scrub_flag valid */
	t_be32(b + 4, 0xa0000000 + base);          /* pfss_ts_mod */
	t_be32(b + 8, 0x10000000 + base);          /* seqlo */
	t_be32(b + 12, 0x20000000 + base);         /* seqhi */
	t_be32(b + 16, 0x30000000 + base);         /* seqdiff */
	t_be16(b + 20, (uint16_t)(0x4000 + base)); /* max_win */
	t_be16(b + 22, (uint16_t)(1400 + base));   /* mss */
	b[24] = (uint8_t)(4 + base % 2);           /* state */
	b[25] = (uint8_t)(7 + base % 2);           /* wscale */
}

static void peer_expect(struct pfsync_peer_msg *p, uint32_t base)
{
	p->scrub.pfss_flags = 0x0001;
	p->scrub.pfss_ttl = (uint8_t)(64 + base);
	p->scrub.scrub_flag = 0x01;
	p->scrub.pfss_ts_mod = 0xa0000000 + base;
	p->seqlo = 0x10000000 + base;
	p->seqhi = 0x20000000 + base;
	p->seqdiff = 0x30000000 + base;
	p->max_win = (uint16_t)(0x4000 + base);
	p->mss = (uint16_t)(1400 + base);
	p->state = (uint8_t)(4 + base % 2);
	p->wscale = (uint8_t)(7 + base % 2);
}

/* Key at `b` (addr[2] 0:32, port[2] 32:4, rdomain 36:2, af 38:1). */
static void key_bytes(uint8_t *b, uint8_t n)
{
	b[0] = 192, b[1] = 0, b[2] = 2, b[3] = (uint8_t)(10 + n);        /* addr[0] */
	b[16] = 198, b[17] = 51, b[18] = 100, b[19] = (uint8_t)(20 + n); /* addr[1] */
	t_be16(b + 32, (uint16_t)(40000 + n));                           /* port[0] */
	t_be16(b + 34, 443);                                             /* port[1] */
	t_be16(b + 36, (uint16_t)(5 + n));                               /* rdomain */
	b[38] = 2;                                                       /* af inet */
}

static void key_expect(struct pfsync_key_msg *k, uint8_t n)
{
	memset(k, 0, sizeof(*k));
	k->addr[0][0] = 192, k->addr[0][2] = 2, k->addr[0][3] = (uint8_t)(10 + n);
	k->addr[1][0] = 198, k->addr[1][1] = 51, k->addr[1][2] = 100;
	k->addr[1][3] = (uint8_t)(20 + n);
	k->port[0] = (uint16_t)(40000 + n);
	k->port[1] = 443;
	k->rdomain = (uint16_t)(5 + n);
	k->af = 2;
}

void t_state_bytes(uint8_t b[264])
{
	memset(b, 0, 264);
	t_be64(b + 0, 0x0123456789abcdefull);               /* id */
	memcpy(b + 8, "em0", 3);                            /* ifname */
	key_bytes(b + 24, 0);                               /* key[PF_SK_WIRE] */
	key_bytes(b + 64, 1);                               /* key[PF_SK_STACK] */
	peer_bytes(b + 104, 1);                             /* src */
	peer_bytes(b + 136, 2);                             /* dst */
	b[168] = 203, b[169] = 0, b[170] = 113, b[171] = 9; /* rt_addr */
	t_be32(b + 184, 7);                                 /* rule */
	t_be32(b + 188, 0xffffffff);                        /* anchor */
	t_be32(b + 192, 0xffffffff);                        /* nat_rule */
	t_be32(b + 196, 100);                               /* creation: age */
	t_be32(b + 200, 86300);                             /* expire: left */
	t_be32(b + 204, 0x00000001);                        /* packets[0] hi */
	t_be32(b + 208, 0x00000002);                        /* packets[0] lo */
	t_be32(b + 212, 0x00000000);                        /* packets[1] hi */
	t_be32(b + 216, 0x00000030);                        /* packets[1] lo */
	t_be32(b + 220, 0x00000004);                        /* bytes[0] hi */
	t_be32(b + 224, 0x00000005);                        /* bytes[0] lo */
	t_be32(b + 228, 0x00000000);                        /* bytes[1] hi */
	t_be32(b + 232, 0x00000600);                        /* bytes[1] lo */
	t_be32(b + 236, 0xc0ffee01);                        /* creatorid */
	t_be32(b + 240, 3);                                 /* rtableid[0] */
	t_be32(b + 244, 0xffffffff);                        /* rtableid[1] = -1 */
	t_be16(b + 248, 1460);                              /* max_mss */
	b[250] = 2;                                         /* af */
	b[251] = 6;                                         /* proto tcp */
	b[252] = 2;                                         /* direction out */
	b[253] = 1;                                         /* log */
	b[254] = 1;                                         /* rt route-to */
	b[255] = 2;                                         /* timeout tcp.established */
	b[256] = 0x04;                                      /* sync_flags SRCNODE */
	b[257] = 0;                                         /* updates */
	b[258] = 9;                                         /* min_ttl */
	b[259] = 0x10;                                      /* set_tos */
	t_be16(b + 260, 0x0012);                            /* state_flags SLOPPY|ACK */
	b[262] = 3;                                         /* set_prio[0] */
	b[263] = 5;                                         /* set_prio[1] */
}

void t_state_expect(struct pfsync_state_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->id = 0x0123456789abcdefull;
	strcpy(m->ifname, "em0");
	key_expect(&m->key[0], 0);
	key_expect(&m->key[1], 1);
	peer_expect(&m->src, 1);
	peer_expect(&m->dst, 2);
	m->rt_addr[0] = 203, m->rt_addr[2] = 113, m->rt_addr[3] = 9;
	m->rule = 7;
	m->anchor = 0xffffffff;
	m->nat_rule = 0xffffffff;
	m->creation = 100;
	m->expire = 86300;
	m->packets[0] = 0x0000000100000002ull;
	m->packets[1] = 0x30;
	m->bytes[0] = 0x0000000400000005ull;
	m->bytes[1] = 0x600;
	m->creatorid = 0xc0ffee01;
	m->rtableid[0] = 3;
	m->rtableid[1] = -1;
	m->max_mss = 1460;
	m->af = 2;
	m->proto = 6;
	m->direction = 2;
	m->log = 1;
	m->rt = 1;
	m->timeout = 2;
	m->sync_flags = 0x04;
	m->min_ttl = 9;
	m->set_tos = 0x10;
	m->state_flags = 0x0012;
	m->set_prio[0] = 3;
	m->set_prio[1] = 5;
}
