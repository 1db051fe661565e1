/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host specifications (from/to), interface addresses and tables.
 *
 *   any | ADDR | ADDR/LEN | IF | IF:network | IF:0 | (IF) | (IF:network)
 *   | (IF:0) | <table> | self, each possibly negated with !, or a { } list.
 *
 * A bare IF (and IF:network, IF:0) expands into one list item per address
 * as pfctl's host() does; (IF) and self become a table of the addresses
 * (pf's dynamic addresses, resolved once at parse time: docs/filter.md).
 */
#include "pf_parse_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum if_mode { IFM_ADDRS, IFM_NETWORK, IFM_FIRST };

bool pp_iface(struct pf_parser *p, const struct pf_token *t, const struct pf_iface **out)
{
	if (t->type != PF_T_WORD && t->type != PF_T_STRING)
		return pp_err(p, t->line, "syntax error at \"%s\": expected an interface name",
		              t->text);
	if (strlen(t->text) >= PF_IFNAMSIZ)
		return pp_err(p, t->line, "interface name too long");
	*out = pf_iface_find(p->ifs, t->text);
	if (*out == NULL)
		return pp_err(p, t->line, "unknown interface \"%s\"", t->text);
	return true;
}

int pp_table_find(const struct pf_parser *p, const char *name)
{
	uint32_t i;

	for (i = 0; i < p->tables.n; i++)
		if (strcmp(PF_VEC_AT(&p->tables, struct pf_p_table, i)->t.name, name) == 0)
			return (int)i;
	return -1;
}

static bool entry_push(struct pf_parser *p, struct pf_table *t, const struct pf_table_entry *e)
{
	struct pf_table_entry *ne;

	if (t->n == 0 || (t->n >= 4 && (t->n & (t->n - 1)) == 0)) { /* capacity 4, 8, 16 ... */
		uint32_t cap = t->n ? t->n * 2 : 4;

		ne = realloc(t->e, cap * sizeof(*ne));
		if (ne == NULL)
			return pp_err(p, pf_lex_line(&p->lx), "out of memory");
		t->e = ne;
	}
	t->e[t->n++] = *e;
	return true;
}

/* The addresses of an interface in a mode, appended to a table. */
static bool if_entries(struct pf_parser *p, uint32_t line, const struct pf_iface *ifc,
                       enum if_mode mode, struct pf_table *t)
{
	bool seen4 = false, seen6 = false;
	unsigned i;

	if (ifc->naddrs == 0)
		return pp_err(p, line, "interface \"%s\" has no addresses", ifc->name);
	for (i = 0; i < ifc->naddrs; i++) {
		const struct pf_ifaddr *a = &ifc->addrs[i];
		struct pf_table_entry e = {.af = a->af, .addr = a->addr};
		bool *seen = a->af == PF_AF_INET ? &seen4 : &seen6;

		if (mode == IFM_FIRST && *seen)
			continue;
		*seen = true;
		e.plen = (uint8_t)(mode == IFM_NETWORK ? a->plen : pf_af_bits(a->af));
		pf_addr_mask(&e.addr, e.plen);
		if (!entry_push(p, t, &e))
			return false;
	}
	return true;
}

/* Split "lan0:network" into the interface and its mode; false if no known modifier. */
static bool if_modifier(struct pf_parser *p, uint32_t line, char *word, enum if_mode *mode)
{
	char *colon = strchr(word, ':');

	*mode = IFM_ADDRS;
	if (colon == NULL)
		return true;
	if (strcmp(colon + 1, "network") == 0)
		*mode = IFM_NETWORK;
	else if (strcmp(colon + 1, "0") == 0)
		*mode = IFM_FIRST;
	else if (strcmp(colon + 1, "broadcast") == 0 || strcmp(colon + 1, "peer") == 0)
		return pp_err(p, line, "interface modifier :%s is not supported", colon + 1);
	else
		return pp_err(p, line, "interface %s has bad modifier", word);
	*colon = '\0';
	return true;
}

/* An anonymous table ("(lan0)", "self"), created once per name. */
static int anon_table(struct pf_parser *p, uint32_t line, const char *name,
                      const struct pf_iface *ifc, enum if_mode mode)
{
	struct pf_p_table pt;
	int idx = pp_table_find(p, name);
	unsigned i;

	if (idx >= 0)
		return idx;
	memset(&pt, 0, sizeof(pt));
	snprintf(pt.t.name, sizeof(pt.t.name), "%s", name);
	pt.line = line;
	if (ifc != NULL) {
		if (!if_entries(p, line, ifc, mode, &pt.t)) {
			free(pt.t.e);
			return -1;
		}
	} else {
		for (i = 0; p->ifs != NULL && i < p->ifs->n; i++)
			if (p->ifs->v[i].naddrs > 0 &&
			    !if_entries(p, line, &p->ifs->v[i], IFM_ADDRS, &pt.t)) {
				free(pt.t.e);
				return -1;
			}
	}
	if (!pf_vec_push(p, &p->tables, &pt, sizeof(pt))) {
		free(pt.t.e);
		return -1;
	}
	return (int)p->tables.n - 1;
}

/* (IF), (IF:network), (IF:0) */
static bool dynaddr(struct pf_parser *p, uint8_t neg, struct pf_vec *hosts)
{
	struct pf_p_host h = {.type = PF_RA_TABLE, .neg = neg};
	char word[PF_TOK_MAX + 1], name[PF_TABLE_NAME_SIZE];
	const struct pf_iface *ifc;
	struct pf_token t;
	enum if_mode mode;
	int idx;

	pp_next(p, &t); /* ( */
	pp_next(p, &t);
	if (t.type != PF_T_WORD)
		return pp_err(p, t.line, "syntax error at \"%s\": expected an interface name",
		              t.text);
	if (strlen(t.text) >= PF_IFNAMSIZ + sizeof(":network"))
		return pp_err(p, t.line, "interface name too long");
	snprintf(word, sizeof(word), "%s", t.text);
	snprintf(name, sizeof(name), "(%.*s)", (int)(sizeof(name) - 3), t.text);
	if (!if_modifier(p, t.line, word, &mode))
		return false;
	snprintf(t.text, sizeof(t.text), "%s", word);
	if (!pp_iface(p, &t, &ifc) || !pp_expect_tok(p, PF_T_RPAREN, "\")\""))
		return false;
	if ((idx = anon_table(p, t.line, name, ifc, mode)) < 0)
		return false;
	h.table = (uint16_t)idx;
	return pf_vec_push(p, hosts, &h, sizeof(h));
}

/* ADDR/LEN with the classful shorthand pfctl accepts ("10/8"). */
static bool prefix(struct pf_parser *p, const struct pf_token *t, uint8_t neg, struct pf_vec *hosts)
{
	struct pf_p_host h = {.type = PF_RA_PREFIX, .neg = neg};
	struct pf_token len;
	uint64_t plen;

	pp_next(p, &len); /* / */
	pp_next(p, &len);
	if (strchr(t->text, ':') != NULL) {
		if (!pf_addr_parse6(t->text, &h.addr))
			return pp_err(p, t->line, "could not parse host specification \"%s\"",
			              t->text);
		h.af = PF_AF_INET6;
	} else {
		if (!pf_addr_parse4(t->text, &h.addr, true))
			return pp_err(p, t->line, "could not parse host specification \"%s\"",
			              t->text);
		h.af = PF_AF_INET;
	}
	if (!pp_number(p, &len, 0, pf_af_bits(h.af), "prefix length", &plen))
		return false;
	h.plen = (uint8_t)plen;
	pf_addr_mask(&h.addr, h.plen);
	return pf_vec_push(p, hosts, &h, sizeof(h));
}

/* A bare IF, IF:network or IF:0: one item per address. */
static bool iface_hosts(struct pf_parser *p, const struct pf_token *t, uint8_t neg,
                        struct pf_vec *hosts)
{
	struct pf_table tmp = {0};
	struct pf_token name = *t;
	const struct pf_iface *ifc;
	enum if_mode mode;
	uint32_t i;
	bool ok;

	if (!if_modifier(p, t->line, name.text, &mode))
		return false;
	if (pf_iface_find(p->ifs, name.text) == NULL && mode == IFM_ADDRS)
		return pp_err(p, t->line, "could not parse host specification \"%s\"", t->text);
	ok = pp_iface(p, &name, &ifc) && if_entries(p, t->line, ifc, mode, &tmp);
	for (i = 0; ok && i < tmp.n; i++) {
		struct pf_p_host h = {.type = PF_RA_PREFIX,
		                      .neg = neg,
		                      .af = tmp.e[i].af,
		                      .plen = tmp.e[i].plen,
		                      .addr = tmp.e[i].addr};

		ok = pf_vec_push(p, hosts, &h, sizeof(h));
	}
	free(tmp.e);
	return ok;
}

/* [!] host */
static bool xhost(struct pf_parser *p, struct pf_vec *hosts)
{
	struct pf_p_host h = {0};
	struct pf_token t;
	uint8_t neg = pp_accept_tok(p, PF_T_NOT) ? 1 : 0;
	const struct pf_token *nt = pp_peek(p);

	if (nt->type == PF_T_LPAREN)
		return dynaddr(p, neg, hosts);
	if (nt->type == PF_T_LT) {
		pp_next(p, &t);
		pp_next(p, &t);
		if (t.type != PF_T_WORD)
			return pp_err(p, t.line, "syntax error at \"%s\": expected a table name",
			              t.text);
		if (strlen(t.text) >= PF_TABLE_NAME_SIZE)
			return pp_err(p, t.line, "table name '%s' too long", t.text);
		h.type = PF_RA_TABLE;
		h.neg = neg;
		snprintf(h.tname, sizeof(h.tname), "%s", t.text);
		if (!pp_expect_tok(p, PF_T_GT, "\">\""))
			return false;
		return pf_vec_push(p, hosts, &h, sizeof(h));
	}
	if (nt->type != PF_T_WORD && nt->type != PF_T_STRING)
		return pp_expected(p, "an address, an interface or a table");
	pp_next(p, &t);
	if (pp_is(&t, "any"))
		return pp_err(p, t.line,
		              "syntax error at \"any\": expected an address, an "
		              "interface or a table");
	if (pp_is(&t, "no-route") || pp_is(&t, "urpf-failed") || pp_is(&t, "route"))
		return pp_err(p, t.line, "\"%s\" is not supported", t.text);
	if (pp_is(&t, "self")) {
		int idx = anon_table(p, t.line, "self", NULL, IFM_ADDRS);

		if (idx < 0)
			return false;
		h.type = PF_RA_TABLE;
		h.neg = neg;
		h.table = (uint16_t)idx;
		return pf_vec_push(p, hosts, &h, sizeof(h));
	}
	if (pp_peek(p)->type == PF_T_SLASH)
		return prefix(p, &t, neg, hosts);
	h.af = pf_addr_parse(t.text, &h.addr);
	if (h.af != PF_AF_UNSPEC) {
		h.type = PF_RA_PREFIX;
		h.neg = neg;
		h.plen = (uint8_t)pf_af_bits(h.af);
		return pf_vec_push(p, hosts, &h, sizeof(h));
	}
	return iface_hosts(p, &t, neg, hosts);
}

/* ipspec: any | xhost | { host_list }; a list holding any is any (pfctl). */
static bool ipspec(struct pf_parser *p, struct pf_vec *hosts)
{
	struct pf_p_host any = {.type = PF_RA_ANY};

	if (pp_accept(p, "any"))
		return pf_vec_push(p, hosts, &any, sizeof(any));
	if (!pp_accept_tok(p, PF_T_LBRACE))
		return xhost(p, hosts);
	pp_skip_nl(p);
	do {
		if (!ipspec(p, hosts))
			return false;
		pp_accept_tok(p, PF_T_COMMA);
		pp_skip_nl(p);
	} while (!pp_failed(p) && pp_peek(p)->type != PF_T_RBRACE && pp_peek(p)->type != PF_T_EOF);
	return pp_expect_tok(p, PF_T_RBRACE, "\"}\"");
}

bool pp_hostspec(struct pf_parser *p, struct pf_vec *hosts)
{
	uint32_t i;

	if (!ipspec(p, hosts))
		return false;
	for (i = 0; i < hosts->n; i++)
		if (PF_VEC_AT(hosts, struct pf_p_host, i)->type == PF_RA_ANY) {
			hosts->n = 0; /* empty = any */
			break;
		}
	return true;
}

/* One table entry: [!] ADDR[/LEN] | IF[:network|:0], or a nested { }. */
static bool table_item(struct pf_parser *p, struct pf_table *t)
{
	struct pf_vec hosts = {0};
	struct pf_token tok;
	uint32_t i;
	bool ok;

	if (pp_peek(p)->type == PF_T_LBRACE) {
		pp_next(p, &tok);
		pp_skip_nl(p);
		while (!pp_failed(p) && pp_peek(p)->type != PF_T_RBRACE &&
		       pp_peek(p)->type != PF_T_EOF) {
			if (!table_item(p, t))
				return false;
			pp_accept_tok(p, PF_T_COMMA);
			pp_skip_nl(p);
		}
		return pp_expect_tok(p, PF_T_RBRACE, "\"}\"");
	}
	if (pp_peek(p)->type == PF_T_LPAREN)
		return pp_err(p, pp_peek(p)->line,
		              "dynamic addresses are not permitted inside "
		              "tables");
	if (pp_peek(p)->type == PF_T_LT)
		return pp_err(p, pp_peek(p)->line, "tables cannot contain tables");
	if (pp_is(pp_peek(p), "self"))
		return pp_err(p, pp_peek(p)->line,
		              "dynamic addresses are not permitted inside "
		              "tables");
	ok = xhost(p, &hosts);
	for (i = 0; ok && i < hosts.n; i++) {
		const struct pf_p_host *h = PF_VEC_AT(&hosts, struct pf_p_host, i);
		struct pf_table_entry e = {
		    .af = h->af, .plen = h->plen, .neg = h->neg, .addr = h->addr};

		ok = entry_push(p, t, &e);
	}
	pf_vec_free(&hosts);
	return ok;
}

/* table <name> [persist] [const] [{ entries }] */
bool pp_tabledef(struct pf_parser *p)
{
	struct pf_p_table pt;
	struct pf_token t;

	memset(&pt, 0, sizeof(pt));
	pp_next(p, &t); /* table */
	pt.line = t.line;
	pt.named = true;
	if (!pp_expect_tok(p, PF_T_LT, "\"<\" and a table name"))
		return false;
	pp_next(p, &t);
	if (t.type != PF_T_WORD)
		return pp_err(p, t.line, "syntax error at \"%s\": expected a table name", t.text);
	if (strlen(t.text) >= PF_TABLE_NAME_SIZE)
		return pp_err(p, t.line, "table name '%s' too long", t.text);
	if (pp_table_find(p, t.text) >= 0)
		return pp_err(p, t.line, "table <%s> is already defined", t.text);
	snprintf(pt.t.name, sizeof(pt.t.name), "%s", t.text);
	if (!pp_expect_tok(p, PF_T_GT, "\">\""))
		return false;
	for (;;) {
		const struct pf_token *o = pp_peek(p);

		if (pp_is(o, "persist") || pp_is(o, "const")) {
			pp_next(p, &t); /* tables are constant here: both are implied */
		} else if (pp_is(o, "counters") || pp_is(o, "file")) {
			free(pt.t.e);
			return pp_err(p, o->line, "table option %s is not supported", o->text);
		} else if (o->type == PF_T_LBRACE) {
			if (!table_item(p, &pt.t)) {
				free(pt.t.e);
				return false;
			}
		} else if (o->type == PF_T_NL || o->type == PF_T_EOF) {
			break;
		} else {
			free(pt.t.e);
			return pp_expected(p, "persist, const or { addresses }");
		}
	}
	if (!pf_vec_push(p, &p->tables, &pt, sizeof(pt))) {
		free(pt.t.e);
		return false;
	}
	return true;
}
