/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One pass/block/match line, in pfctl's order:
 *
 *   action [in|out] [quick] [on IFSPEC] [inet|inet6] [proto PROTOSPEC]
 *          (all | [from HOSTS [port PORTS]] [to HOSTS [port PORTS]])
 *          [flags F/M | flags any] [keep state [(OPTS)] | no state]
 *          [nat-to ADDR [port P[:P]] [static-port]]
 *
 * The options after from/to come in any order. The template is handed to
 * pp_compile(), which expands its lists into rules.
 */
#include "pf_parse_int.h"

#include <string.h>

/* Filter options pf has and this implementation does not (clear error, not a syntax error). */
static const char *const unsupported_opts[] = {
    "label",        "tag",         "tagged",       "rtable",        "probability", "tos",
    "icmp-type",    "icmp6-type",  "user",         "group",         "allow-opts",  "fragment",
    "once",         "route-to",    "reply-to",     "dup-to",        "rdr-to",      "binat-to",
    "af-to",        "divert-to",   "divert-reply", "divert-packet", "scrub",       "set",
    "max-pkt-rate", "received-on", "prio",         "queue",         "os",          "log",
    "modulate",     "synproxy",    "return",       "return-rst",    "return-icmp", "return-icmp6",
};

/* true (error recorded) when the next word is an option pf has and we do not. */
static bool unsupported_word(struct pf_parser *p)
{
	const struct pf_token *t = pp_peek(p);
	size_t i;

	for (i = 0; i < sizeof(unsupported_opts) / sizeof(unsupported_opts[0]); i++)
		if (pp_is(t, unsupported_opts[i])) {
			if (pp_is(t, "modulate") || pp_is(t, "synproxy"))
				pp_err(p, t->line, "%s state is not supported", t->text);
			else
				pp_err(p, t->line, "\"%s\" is not supported", t->text);
			return true;
		}
	return false;
}

static bool if_item(struct pf_parser *p, struct pf_vec *ifs)
{
	struct pf_p_if f = {0};
	const struct pf_iface *ifc;
	struct pf_token t;

	f.neg = pp_accept_tok(p, PF_T_NOT) ? 1 : 0;
	pp_next(p, &t);
	if (pp_is(&t, "rdomain"))
		return pp_err(p, t.line, "\"rdomain\" is not supported");
	if (!pp_iface(p, &t, &ifc))
		return false;
	f.id = ifc->id;
	memcpy(f.name, ifc->name, PF_IFNAMSIZ);
	return pf_vec_push(p, ifs, &f, sizeof(f));
}

/* IF | ! IF | { [!]IF ... } */
bool pp_ifspec(struct pf_parser *p, struct pf_vec *ifs)
{
	if (!pp_accept_tok(p, PF_T_LBRACE))
		return if_item(p, ifs);
	pp_skip_nl(p);
	do {
		if (!if_item(p, ifs))
			return false;
		pp_accept_tok(p, PF_T_COMMA);
		pp_skip_nl(p);
	} while (!pp_failed(p) && pp_peek(p)->type != PF_T_RBRACE && pp_peek(p)->type != PF_T_EOF);
	return pp_expect_tok(p, PF_T_RBRACE, "\"}\"");
}

/* HOSTS [port PORTS] | port PORTS */
static bool ipportspec(struct pf_parser *p, struct pf_vec *hosts, struct pf_vec *ports)
{
	struct pf_token t;

	if (!pp_is(pp_peek(p), "port") && !pp_hostspec(p, hosts))
		return false;
	if (!pp_is(pp_peek(p), "port"))
		return true;
	pp_next(p, &t);
	return pp_portspec(p, ports);
}

static bool fromto(struct pf_parser *p, struct pf_p_rule *r)
{
	if (pp_accept(p, "all"))
		return true;
	if (pp_accept(p, "from") && !ipportspec(p, &r->src, &r->sports))
		return false;
	if (pp_is(pp_peek(p), "os"))
		return pp_err(p, pp_peek(p)->line, "\"os\" is not supported");
	if (pp_accept(p, "to") && !ipportspec(p, &r->dst, &r->dports))
		return false;
	return true;
}

/* ( max N, no-sync, sloppy, ... ) */
static bool state_opts(struct pf_parser *p, struct pf_p_rule *r)
{
	static const char *const unsupported[] = {
	    "pflow",        "if-bound",          "floating",      "source-track", "max-src-states",
	    "max-src-conn", "max-src-conn-rate", "max-src-nodes", "overload",
	};
	struct pf_token t;
	size_t i;

	if (!pp_accept_tok(p, PF_T_LPAREN))
		return true;
	do {
		pp_next(p, &t);
		if (pp_is(&t, "max")) {
			uint64_t v;

			if (r->max_given)
				return pp_err(p, t.line, "state option 'max' multiple definitions");
			pp_next(p, &t);
			if (!pp_number(p, &t, 0, UINT32_MAX, "state option max", &v))
				return false;
			r->max_given = true;
			r->max_states = (uint32_t)v;
		} else if (pp_is(&t, "no-sync")) {
			if (r->nosync)
				return pp_err(p, t.line,
				              "state option 'no-sync' multiple definitions");
			r->nosync = true;
		} else if (pp_is(&t, "sloppy")) {
			if (r->sloppy)
				return pp_err(p, t.line,
				              "state option 'sloppy' multiple definitions");
			r->sloppy = true;
		} else if (t.type == PF_T_WORD && pf_timeout_byname(t.text) >= 0) {
			return pp_err(p, t.line, "per-rule state timeouts are not supported (%s)",
			              t.text);
		} else {
			for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
				if (pp_is(&t, unsupported[i]))
					return pp_err(p, t.line, "state option %s is not supported",
					              t.text);
			if (t.type == PF_T_NL || t.type == PF_T_EOF)
				return pp_err(p, t.line,
				              "syntax error at end of line: expected a "
				              "state option");
			return pp_err(p, t.line, "syntax error at \"%s\": expected a state option",
			              t.text);
		}
	} while (pp_accept_tok(p, PF_T_COMMA) ||
	         (pp_peek(p)->type != PF_T_RPAREN && pp_peek(p)->type != PF_T_NL &&
	          pp_peek(p)->type != PF_T_EOF));
	return pp_expect_tok(p, PF_T_RPAREN, "\")\"");
}

static bool keep_state(struct pf_parser *p, struct pf_p_rule *r, bool keep)
{
	struct pf_token t;

	pp_next(p, &t); /* keep | no */
	if (r->keep >= 0)
		return pp_err(p, t.line, "keep state cannot be redefined");
	if (!pp_accept(p, "state"))
		return pp_expected(p, "\"state\"");
	r->keep = keep ? 1 : 0;
	return keep ? state_opts(p, r) : true;
}

/* nat-to ADDR | IF | (IF) | (IF:0) [port P[:P]] [static-port] */
static bool nat_to(struct pf_parser *p, struct pf_p_rule *r)
{
	static const char *const pool_opts[] = {
	    "bitmask", "random", "source-hash", "round-robin", "least-states", "sticky-address",
	};
	struct pf_p_nat *n = &r->nat;
	struct pf_token t;
	bool paren;
	size_t i;

	pp_next(p, &t); /* nat-to */
	if (n->set)
		return pp_err(p, t.line, "cannot respecify nat-to");
	n->set = true;
	if (pp_peek(p)->type == PF_T_LBRACE)
		return pp_err(p, pp_peek(p)->line, "nat-to address pools are not supported");
	paren = pp_accept_tok(p, PF_T_LPAREN);
	pp_next(p, &t);
	if (t.type != PF_T_WORD && t.type != PF_T_STRING)
		return pp_err(p, t.line, "syntax error at \"%s\": expected a translation address",
		              t.text);
	if (!paren && pp_peek(p)->type == PF_T_SLASH)
		return pp_err(p, t.line, "nat-to address pools are not supported");
	n->af = paren ? PF_AF_UNSPEC : pf_addr_parse(t.text, &n->addr);
	if (n->af == PF_AF_UNSPEC) {
		const struct pf_iface *ifc;
		size_t l = strlen(t.text);

		if (l > 2 && strcmp(t.text + l - 2, ":0") == 0)
			t.text[l - 2] = '\0';
		if (!pp_iface(p, &t, &ifc))
			return false;
		n->from_iface = true;
		memcpy(n->ifname, ifc->name, PF_IFNAMSIZ);
	}
	if (paren && !pp_expect_tok(p, PF_T_RPAREN, "\")\""))
		return false;
	if (pp_accept(p, "port")) {
		bool range;

		pp_next(p, &t);
		if (!pp_portrange(p, &t, &n->port_lo, &n->port_hi, &range))
			return false;
		if (!range)
			n->port_hi = n->port_lo;
		if (n->port_lo > n->port_hi)
			return pp_err(p, t.line, "invalid nat-to port range");
		n->port_given = true;
	}
	for (;;) {
		const struct pf_token *o = pp_peek(p);

		if (pp_is(o, "static-port")) {
			if (n->static_port)
				return pp_err(p, o->line, "static-port cannot be redefined");
			if (n->port_given)
				return pp_err(p, o->line,
				              "the 'static-port' option can't be used when "
				              "specifying a port range");
			pp_next(p, &t);
			n->static_port = true;
			continue;
		}
		for (i = 0; i < sizeof(pool_opts) / sizeof(pool_opts[0]); i++)
			if (pp_is(o, pool_opts[i]))
				return pp_err(p, o->line, "pool option %s is not supported",
				              o->text);
		return true;
	}
}

static bool filter_opts(struct pf_parser *p, struct pf_p_rule *r)
{
	for (;;) {
		const struct pf_token *t = pp_peek(p);

		if (t->type == PF_T_NL || t->type == PF_T_EOF || pp_failed(p))
			return !pp_failed(p);
		if (pp_is(t, "flags")) {
			if (!pp_flags(p, r))
				return false;
		} else if (pp_is(t, "keep")) {
			if (!keep_state(p, r, true))
				return false;
		} else if (pp_is(t, "no")) {
			if (!keep_state(p, r, false))
				return false;
		} else if (pp_is(t, "nat-to")) {
			if (!nat_to(p, r))
				return false;
		} else if (unsupported_word(p)) {
			return false;
		} else {
			return pp_expected(p, "a rule option (flags, keep state, no state, nat-to) "
			                      "or end of line");
		}
	}
}

bool pp_rule(struct pf_parser *p)
{
	struct pf_p_rule r;
	struct pf_token t;
	bool ok = false;

	memset(&r, 0, sizeof(r));
	r.keep = -1;
	pp_next(p, &t);
	r.line = t.line;
	r.action = pp_is(&t, "pass") ? PF_PASS : pp_is(&t, "block") ? PF_DROP : PF_MATCH;
	if (r.action == PF_DROP) {
		pp_accept(p, "drop");
		if (unsupported_word(p))
			goto out;
	}
	if (pp_accept(p, "in"))
		r.dir = PF_IN;
	else if (pp_accept(p, "out"))
		r.dir = PF_OUT;
	if (unsupported_word(p))
		goto out;
	r.quick = pp_accept(p, "quick") ? 1 : 0;
	if (unsupported_word(p))
		goto out;
	if (r.quick && r.action == PF_MATCH) {
		pp_err(p, r.line, "quick is not supported on match rules");
		goto out;
	}
	if (pp_accept(p, "on") && !pp_ifspec(p, &r.ifs))
		goto out;
	if (pp_accept(p, "inet"))
		r.af = PF_AF_INET;
	else if (pp_accept(p, "inet6"))
		r.af = PF_AF_INET6;
	if (pp_accept(p, "proto") && !pp_protospec(p, &r.protos))
		goto out;
	if (!fromto(p, &r) || !filter_opts(p, &r))
		goto out;
	ok = pp_compile(p, &r);
out:
	pp_rule_free(&r);
	return ok && !pp_failed(p);
}
