/* SPDX-License-Identifier: BSD-2-Clause */
/* pfsyncdump's printer: see pfsyncdump_fmt.h. */
#include "pfsyncdump_fmt.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "pfsync_wire.h"

static void print_ts(FILE *f, const struct timeval *ts)
{
	time_t sec = ts->tv_sec;
	struct tm tm;

	gmtime_r(&sec, &tm);
	fprintf(f, "%02d:%02d:%02d.%06ld ", tm.tm_hour, tm.tm_min, tm.tm_sec, (long)ts->tv_usec);
}

static const char *ip4_str(const uint8_t a[4], char buf[INET6_ADDRSTRLEN])
{
	return inet_ntop(AF_INET, a, buf, INET6_ADDRSTRLEN);
}

/* A pf_addr of OpenBSD family `af`. */
static const char *addr_str(uint8_t af, const uint8_t a[16], char buf[INET6_ADDRSTRLEN])
{
	if (af == PFSYNC_AF_INET)
		return inet_ntop(AF_INET, a, buf, INET6_ADDRSTRLEN);
	if (af == PFSYNC_AF_INET6)
		return inet_ntop(AF_INET6, a, buf, INET6_ADDRSTRLEN);
	snprintf(buf, INET6_ADDRSTRLEN, "af%u?", af);
	return buf;
}

/* Names from a capture are untrusted: print non-printables as \ooo. */
static void print_name(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (isprint(c) && c != '\\')
			fputc(c, f);
		else
			fprintf(f, "\\%03o", c);
	}
}

static const char *proto_name(uint8_t p, char buf[16])
{
	switch (p) {
	case 1:
		return "icmp";
	case 6:
		return "tcp";
	case 17:
		return "udp";
	case 58:
		return "ipv6-icmp";
	case 132:
		return "sctp";
	default:
		snprintf(buf, 16, "proto-%u", p);
		return buf;
	}
}

static void print_host(FILE *f, uint8_t af, const uint8_t a[16], uint16_t port, uint8_t proto)
{
	char buf[INET6_ADDRSTRLEN];

	addr_str(af, a, buf);
	if (proto == PFSYNC_IPPROTO_TCP || proto == PFSYNC_IPPROTO_UDP || proto == 132)
		fprintf(f, af == PFSYNC_AF_INET6 ? "[%s]:%u" : "%s:%u", buf, port);
	else
		fprintf(f, "%s", buf);
}

/* "SRC -> DST" of a key; the source is index 0 for inbound states. */
static void print_key(FILE *f, const struct pfsync_key_msg *k, uint8_t af, uint8_t proto,
                      uint8_t dir)
{
	unsigned s = dir == PFSYNC_PF_IN ? 0 : 1;
	uint8_t kaf = k->af != 0 ? k->af : af;

	print_host(f, kaf, k->addr[s], k->port[s], proto);
	fputs(" -> ", f);
	print_host(f, kaf, k->addr[1 - s], k->port[1 - s], proto);
	if (k->rdomain != 0)
		fprintf(f, " rdomain %u", k->rdomain);
}

static bool keys_differ(const struct pfsync_key_msg *a, const struct pfsync_key_msg *b)
{
	return a->af != b->af || memcmp(a->addr, b->addr, sizeof(a->addr)) != 0 ||
	       a->port[0] != b->port[0] || a->port[1] != b->port[1] || a->rdomain != b->rdomain;
}

static void print_hms(FILE *f, uint32_t s)
{
	fprintf(f, "%02u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
}

static void print_flags(FILE *f, uint16_t flags)
{
	static const struct {
		uint16_t bit;
		const char *name;
	} names[] = {
#define X(e, b, n) {b, n},
	    PFSYNC_STATE_FLAGS(X)
#undef X
	};
	const char *sep = ", flags ";
	unsigned i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (flags & names[i].bit) {
			fprintf(f, "%s%s", sep, names[i].name);
			sep = ",";
			flags &= (uint16_t)~names[i].bit;
		}
	}
	if (flags != 0)
		fprintf(f, "%s0x%04x", sep, flags);
}

/* `proto` 0: not known (UPD_C carries none), the level is printed as a number. */
static void print_peer(FILE *f, const char *name, uint8_t proto, const struct pfsync_peer_msg *p)
{
	if (proto != 0)
		fprintf(f, "%s %s", name, pfsync_peer_state_name(proto, p->state));
	else
		fprintf(f, "%s state %u", name, p->state);
	fprintf(f, " seq %" PRIu32 ":%" PRIu32, p->seqlo, p->seqhi);
	if (p->seqdiff != 0)
		fprintf(f, " (+%" PRIu32 ")", p->seqdiff);
	fprintf(f, " max_win %u", p->max_win);
	if (p->mss != 0)
		fprintf(f, " mss %u", p->mss);
	fprintf(f, " wscale %u", p->wscale);
	if (p->scrub.scrub_flag == PFSYNC_SCRUB_FLAG_VALID)
		fprintf(f, " scrub ttl %u ts_mod %" PRIu32 "%s", p->scrub.pfss_ttl,
		        p->scrub.pfss_ts_mod,
		        p->scrub.pfss_flags & PFSYNC_PFSS_TIMESTAMP ? " timestamp" : "");
}

static void print_state(FILE *f, const struct pfsync_state_msg *st, int verbose)
{
	char pbuf[16];

	fputc('\t', f);
	print_name(f, st->ifname);
	fprintf(f, " %s ", proto_name(st->proto, pbuf));
	print_key(f, &st->key[PFSYNC_SK_WIRE], st->af, st->proto, st->direction);
	if (keys_differ(&st->key[PFSYNC_SK_WIRE], &st->key[PFSYNC_SK_STACK])) {
		fputs(" (stack ", f);
		print_key(f, &st->key[PFSYNC_SK_STACK], st->af, st->proto, st->direction);
		fputc(')', f);
	}
	fprintf(f, " %s %s:%s",
	        st->direction == PFSYNC_PF_IN    ? "in"
	        : st->direction == PFSYNC_PF_OUT ? "out"
	                                         : "?",
	        pfsync_peer_state_name(st->proto, st->src.state),
	        pfsync_peer_state_name(st->proto, st->dst.state));
	if (verbose < 1)
		return;
	fputs("\n\t   age ", f);
	print_hms(f, st->creation);
	fputs(", expires in ", f);
	print_hms(f, st->expire);
	fprintf(f, ", %" PRIu64 ":%" PRIu64 " pkts, %" PRIu64 ":%" PRIu64 " bytes", st->packets[0],
	        st->packets[1], st->bytes[0], st->bytes[1]);
	if (st->anchor != PFSYNC_RULE_NONE)
		fprintf(f, ", anchor %" PRIu32, st->anchor);
	if (st->rule != PFSYNC_RULE_NONE)
		fprintf(f, ", rule %" PRIu32, st->rule);
	fprintf(f, ", timeout %s", pfsync_timeout_name(st->timeout));
	print_flags(f, st->state_flags);
	fprintf(f, "\n\t   id: %016" PRIx64 " creatorid: %08" PRIx32, st->id, st->creatorid);
	if (verbose < 2)
		return;
	fputs("\n\t   ", f);
	print_peer(f, "src", st->proto, &st->src);
	fputs("\n\t   ", f);
	print_peer(f, "dst", st->proto, &st->dst);
	fprintf(f, "\n\t   rt %u", st->rt);
	if (st->rt != PFSYNC_RT_NONE) {
		char buf[INET6_ADDRSTRLEN];

		fprintf(f, " %s", addr_str(st->af, st->rt_addr, buf));
	}
	fprintf(f,
	        " rtableid %" PRId32 ":%" PRId32 " max_mss %u min_ttl %u set_tos 0x%02x"
	        " set_prio %u:%u sync_flags 0x%02x log %u",
	        st->rtableid[0], st->rtableid[1], st->max_mss, st->min_ttl, st->set_tos,
	        st->set_prio[0], st->set_prio[1], st->sync_flags, st->log);
}

static void print_msg(FILE *f, const struct pfsync_msg *m, int verbose)
{
	switch (m->action) {
	case PFSYNC_ACT_INS:
	case PFSYNC_ACT_UPD:
	case PFSYNC_ACT_DEL:
		print_state(f, &m->u.state, verbose);
		break;
	case PFSYNC_ACT_UPD_C:
		fprintf(f, "\tid: %016" PRIx64 " creatorid: %08" PRIx32 " timeout %s",
		        m->u.upd_c.id, m->u.upd_c.creatorid,
		        pfsync_timeout_name(m->u.upd_c.timeout));
		if (verbose >= 1) {
			fputs("\n\t   ", f);
			print_peer(f, "src", 0, &m->u.upd_c.src);
			fputs("\n\t   ", f);
			print_peer(f, "dst", 0, &m->u.upd_c.dst);
		}
		break;
	case PFSYNC_ACT_INS_ACK:
	case PFSYNC_ACT_DEL_C:
	case PFSYNC_ACT_UPD_REQ:
		fprintf(f, "\tid: %016" PRIx64 " creatorid: %08" PRIx32, m->u.ref.id,
		        m->u.ref.creatorid);
		if (m->action == PFSYNC_ACT_UPD_REQ && m->u.ref.id == 0 && m->u.ref.creatorid == 0)
			fputs(" (bulk update request)", f);
		break;
	case PFSYNC_ACT_CLR:
		fprintf(f, "\tcreatorid: %08" PRIx32, m->u.clr.creatorid);
		if (m->u.clr.ifname[0] != '\0') {
			fputs(" interface: ", f);
			print_name(f, m->u.clr.ifname);
		}
		break;
	case PFSYNC_ACT_BUS:
		fprintf(f, "\tcreatorid: %08" PRIx32 " endtime: %" PRIu32 " status: ",
		        m->u.bus.creatorid, m->u.bus.endtime);
		if (m->u.bus.status == PFSYNC_BUS_START)
			fputs("start", f);
		else if (m->u.bus.status == PFSYNC_BUS_END)
			fputs("end", f);
		else
			fprintf(f, "UNKNOWN(%u)", m->u.bus.status);
		break;
	case PFSYNC_ACT_TDB:
		fprintf(f, "\tspi: 0x%08" PRIx32 " rpl: %" PRIu64 " cur_bytes: %" PRIu64,
		        m->u.tdb.spi, m->u.tdb.rpl, m->u.tdb.cur_bytes);
		break;
	default:
		break;
	}
	if (m->reason != PFSYNC_RX_OK)
		fprintf(f, " [%s]", pfsync_rx_name(m->reason));
	fputc('\n', f);
}

static void print_subheader(FILE *f, const struct pfsync_msg *m)
{
	if (m->action < PFSYNC_ACT_MAX)
		fprintf(f, "    act %s count %u", pfsync_act_label(m->action), m->count);
	else
		fprintf(f, "    act UNKNOWN id %u count %u", m->action, m->count);
	if (m->skipped || m->mlen != pfsync_act_len(m->action))
		fprintf(f, " len %u", m->mlen);
	if (m->skipped)
		fputs(" (skipped)", f);
	fputc('\n', f);
}

static void print_drop(FILE *f, enum pfsync_rx r)
{
	fprintf(f, " [%s: %s]", pfsync_rx_name(r), pfsync_rx_desc(r));
}

static void print_auth(FILE *f, const struct pfsync_iter *it, enum pfsync_auth_verdict v)
{
	fprintf(f, " auth=%s", pfsync_auth_verdict_name(v));
	if (v == PFSYNC_AUTH_V_OK || v == PFSYNC_AUTH_V_REPLAY)
		fprintf(f, " counter=0x%016" PRIx64, pfsync_be64(it->buf + PFSYNC_AUTH_CTR_OFF));
}

/* The IPv4 addresses of a header too broken to parse, when present. */
static void print_raw_addrs(FILE *f, const struct capture_l3 *l3)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];

	if (l3->len >= PFSYNC_IP4_HDR_LEN)
		fprintf(f, "%s > %s: ", ip4_str(l3->data + 12, a), ip4_str(l3->data + 16, b));
	else
		fputs("? > ?: ", f);
}

static void walk(FILE *f, struct pfsync_iter *it, int verbose, struct pfsyncdump_result *res)
{
	struct pfsync_msg m;
	int rc;

	while ((rc = pfsync_frame_next(it, &m)) > 0) {
		if (m.skipped || m.index == 0)
			print_subheader(f, &m);
		if (m.skipped)
			continue;
		res->messages++;
		print_msg(f, &m, verbose);
		if (m.reason != PFSYNC_RX_OK && res->reason == PFSYNC_RX_OK)
			res->reason = m.reason;
	}
	if (rc < 0) {
		fputs("   ", f);
		print_drop(f, it->reason);
		fputc('\n', f);
		if (res->reason == PFSYNC_RX_OK)
			res->reason = it->reason;
	}
}

void pfsyncdump_print(FILE *f, const struct capture_l3 *l3, const struct timeval *ts, int verbose,
                      struct pfsync_auth *auth, struct pfsyncdump_result *res)
{
	char a[INET6_ADDRSTRLEN], b[INET6_ADDRSTRLEN];
	struct pfsync_ip4 ip;
	struct pfsync_iter it;
	enum pfsync_rx r;

	memset(res, 0, sizeof(*res));
	if (l3->ethertype != CAPTURE_ETHERTYPE_IP4 || l3->len < 10 || l3->data[9] != PFSYNC_PROTO)
		return; /* not pfsync (pfsync is IPv4 only) */
	res->pfsync = true;
	print_ts(f, ts);
	r = pfsync_ip4_parse(l3->data, l3->len, &ip);
	if (r == PFSYNC_RX_HDROPS) {
		print_raw_addrs(f, l3);
		fputs("PFSYNC?", f);
		print_drop(f, r);
		fputc('\n', f);
		res->reason = r;
		return;
	}
	res->reason = r; /* OK or BADTTL: the frame is still shown */
	fprintf(f, "%s > %s: ", ip4_str(ip.src, a), ip4_str(ip.dst, b));
	if (ip.payload_len < PFSYNC_HDR_LEN) {
		fputs("PFSYNC?", f);
		print_drop(f, PFSYNC_RX_HDROPS);
		fputc('\n', f);
		res->reason = PFSYNC_RX_HDROPS;
		return;
	}
	fprintf(f, "PFSYNCv%u len %u", ip.payload[0], pfsync_be16(ip.payload + 2));
	if (verbose >= 1)
		fprintf(f, " ttl %u id 0x%04x", ip.ttl, ip.id);
	r = pfsync_frame_open(&it, ip.payload, ip.payload_len);
	if (r == PFSYNC_RX_OK && auth != NULL) {
		res->auth_checked = true;
		if (pfsync_auth_verify(auth, &ip, it.buf, it.len, &res->auth) < 0)
			res->auth = PFSYNC_AUTH_V_BAD;
		print_auth(f, &it, res->auth);
	}
	if (res->reason != PFSYNC_RX_OK)
		print_drop(f, res->reason);
	if (r != PFSYNC_RX_OK) {
		print_drop(f, r);
		fputc('\n', f);
		if (res->reason == PFSYNC_RX_OK)
			res->reason = r;
		return;
	}
	fputc('\n', f);
	walk(f, &it, verbose, res);
}
