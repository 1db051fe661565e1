/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf.conf statements: macro definitions, `table`, `set`, rules; the token
 * helpers the other parser files share; the entry points.
 *
 * Why hand-written and not bison: the grammar is small and LL(1) apart
 * from two places a second token decides (NAME "=" starts a macro, ADDR
 * "/" a prefix), every error must read "FILE:LINE: reason" with a reason
 * that names what was expected, and the fuzzer must reach every branch
 * without generated tables in the way. docs/filter.md has the grammar.
 */
#include "pf_parse.h"
#include "pf_parse_int.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PF_FILE_MAX (16u << 20) /* a pf.conf larger than 16 MiB is a mistake */

/* ---- vectors ---------------------------------------------------------- */

bool pf_vec_push(struct pf_parser *p, struct pf_vec *v, const void *elem, size_t esz)
{
	if (v->n == v->cap) {
		uint32_t cap = v->cap ? v->cap * 2 : 8;
		void *nv = realloc(v->v, cap * esz);

		if (nv == NULL)
			return pp_err(p, pf_lex_line(&p->lx), "out of memory");
		v->v = nv;
		v->cap = cap;
	}
	memcpy((char *)v->v + (size_t)v->n * esz, elem, esz);
	v->n++;
	return true;
}

void pf_vec_free(struct pf_vec *v)
{
	free(v->v);
	memset(v, 0, sizeof(*v));
}

/* ---- tokens ----------------------------------------------------------- */

const struct pf_token *pp_peek(struct pf_parser *p)
{
	return pf_lex_peek(&p->lx, 0);
}

const struct pf_token *pp_peek2(struct pf_parser *p)
{
	return pf_lex_peek(&p->lx, 1);
}

void pp_next(struct pf_parser *p, struct pf_token *t)
{
	pf_lex_next(&p->lx, t);
}

bool pp_is(const struct pf_token *t, const char *word)
{
	return t->type == PF_T_WORD && strcmp(t->text, word) == 0;
}

bool pp_accept(struct pf_parser *p, const char *word)
{
	struct pf_token t;

	if (!pp_is(pp_peek(p), word))
		return false;
	pp_next(p, &t);
	return true;
}

bool pp_accept_tok(struct pf_parser *p, enum pf_tok type)
{
	struct pf_token t;

	if (pp_peek(p)->type != type)
		return false;
	pp_next(p, &t);
	return true;
}

void pp_skip_nl(struct pf_parser *p)
{
	while (pp_accept_tok(p, PF_T_NL))
		;
}

bool pp_failed(const struct pf_parser *p)
{
	return p->lx.failed;
}

bool pp_err(struct pf_parser *p, uint32_t line, const char *fmt, ...)
{
	char msg[PF_ERR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return pf_lex_error(&p->lx, line, "%s", msg);
}

bool pp_expected(struct pf_parser *p, const char *what)
{
	const struct pf_token *t = pp_peek(p);

	if (pp_failed(p))
		return false;
	if (t->type == PF_T_NL)
		return pp_err(p, t->line, "syntax error at end of line: expected %s", what);
	if (t->type == PF_T_EOF)
		return pp_err(p, t->line, "syntax error at end of file: expected %s", what);
	return pp_err(p, t->line, "syntax error at \"%s\": expected %s", t->text, what);
}

bool pp_expect_tok(struct pf_parser *p, enum pf_tok type, const char *what)
{
	if (pp_accept_tok(p, type))
		return true;
	return pp_expected(p, what);
}

bool pp_number(struct pf_parser *p, const struct pf_token *t, uint64_t min, uint64_t max,
               const char *what, uint64_t *out)
{
	uint64_t v = 0;
	const char *s = t->text;

	if (t->type != PF_T_WORD || *s == '\0')
		return pp_err(p, t->line, "%s: \"%s\" is not a number", what, t->text);
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return pp_err(p, t->line, "%s: \"%s\" is not a number", what, t->text);
		if (v > (UINT64_MAX - 9) / 10)
			return pp_err(p, t->line, "%s: %s is out of range %llu-%llu", what, t->text,
			              (unsigned long long)min, (unsigned long long)max);
		v = v * 10 + (uint64_t)(*s - '0');
	}
	if (v < min || v > max)
		return pp_err(p, t->line, "%s: %s is out of range %llu-%llu", what, t->text,
		              (unsigned long long)min, (unsigned long long)max);
	*out = v;
	return true;
}

/* pfctl's keywords (parse.y lookup()): not usable as macro names. */
static const char *const keywords[] = {
    "af-to",
    "all",
    "allow-opts",
    "anchor",
    "antispoof",
    "any",
    "bandwidth",
    "binat-to",
    "bitmask",
    "block",
    "block-policy",
    "burst",
    "code",
    "debug",
    "default",
    "delay",
    "divert-packet",
    "divert-reply",
    "divert-to",
    "drop",
    "dup-to",
    "file",
    "fingerprints",
    "flags",
    "floating",
    "flows",
    "flush",
    "for",
    "fragment",
    "from",
    "global",
    "group",
    "hostid",
    "icmp-type",
    "icmp6-type",
    "if-bound",
    "in",
    "include",
    "inet",
    "inet6",
    "keep",
    "label",
    "least-states",
    "limit",
    "load",
    "log",
    "loginterface",
    "match",
    "matches",
    "max",
    "max-mss",
    "max-pkt-rate",
    "max-src-conn",
    "max-src-conn-rate",
    "max-src-nodes",
    "max-src-states",
    "min",
    "min-ttl",
    "modulate",
    "nat-to",
    "no",
    "no-df",
    "no-route",
    "no-sync",
    "on",
    "once",
    "optimization",
    "os",
    "out",
    "overload",
    "parent",
    "pass",
    "pflow",
    "port",
    "prio",
    "probability",
    "proto",
    "qlimit",
    "quantum",
    "queue",
    "quick",
    "random",
    "random-id",
    "rdomain",
    "rdr-to",
    "reassemble",
    "received-on",
    "reply-to",
    "return",
    "return-icmp",
    "return-icmp6",
    "return-rst",
    "round-robin",
    "route",
    "route-to",
    "rtable",
    "rule",
    "ruleset-optimization",
    "scrub",
    "set",
    "skip",
    "sloppy",
    "source-hash",
    "source-track",
    "state",
    "state-defaults",
    "state-policy",
    "static-port",
    "sticky-address",
    "syncookies",
    "synproxy",
    "table",
    "tag",
    "tagged",
    "timeout",
    "to",
    "tos",
    "ttl",
    "urpf-failed",
    "user",
    "weight",
};

bool pp_keyword(const char *word)
{
	size_t i;

	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(keywords[i], word) == 0)
			return true;
	return false;
}

/* ---- statements ------------------------------------------------------- */

/* NAME = value...: quoted strings and words joined by one space (pfctl varset). */
static bool macro_def(struct pf_parser *p)
{
	char value[PF_MACRO_MAX + 1];
	struct pf_token name, t;
	size_t n = 0;
	const char *c;

	pp_next(p, &name);
	for (c = name.text; *c != '\0'; c++)
		if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		      (*c >= '0' && *c <= '9') || *c == '_'))
			return pp_err(p, name.line,
			              "macro name \"%s\" may only contain letters, digits and _",
			              name.text);
	if (pp_keyword(name.text))
		return pp_err(p, name.line, "\"%s\" is a reserved word, not a macro name",
		              name.text);
	pp_next(p, &t); /* = */
	value[0] = '\0';
	while (pp_peek(p)->type == PF_T_WORD || pp_peek(p)->type == PF_T_STRING) {
		size_t l;

		pp_next(p, &t);
		l = strlen(t.text);
		if (n + l + 1 > PF_MACRO_MAX)
			return pp_err(p, name.line, "macro '%s' value too long (max %d characters)",
			              name.text, PF_MACRO_MAX);
		if (n > 0)
			value[n++] = ' ';
		memcpy(value + n, t.text, l + 1);
		n += l;
	}
	if (n == 0 && !pp_failed(p))
		return pp_expected(p, "a quoted macro value");
	if (pp_failed(p))
		return false;
	if (pp_peek(p)->type != PF_T_NL && pp_peek(p)->type != PF_T_EOF)
		return pp_expected(p,
		                   "end of line (quote a macro value that has { } ( ) ! , < > =)");
	return pf_lex_define(&p->lx, name.text, value, name.line);
}

/* set skip on IF | { IF ... } */
static bool set_skip(struct pf_parser *p)
{
	struct pf_vec ifs = {0};
	uint32_t i, line = pf_lex_line(&p->lx);
	bool ok;

	if (!pp_accept(p, "on"))
		return pp_expected(p, "\"on\"");
	ok = pp_ifspec(p, &ifs);
	for (i = 0; ok && i < ifs.n; i++) {
		const struct pf_p_if *f = PF_VEC_AT(&ifs, struct pf_p_if, i);

		if (f->neg)
			ok = pp_err(p, line, "skip on ! <interface> is not supported");
		else
			ok = pf_vec_push(p, &p->skip, &f->id, sizeof(f->id));
	}
	pf_vec_free(&ifs);
	return ok;
}

/* One "states N" of set limit. */
static bool limit_item(struct pf_parser *p)
{
	struct pf_token t, n;
	uint64_t v;

	pp_next(p, &t);
	if (t.type != PF_T_WORD)
		return pp_err(p, t.line, "syntax error at \"%s\": expected states", t.text);
	if (!pp_is(&t, "states")) {
		if (pp_is(&t, "src-nodes") || pp_is(&t, "frags") || pp_is(&t, "tables") ||
		    pp_is(&t, "table-entries") || pp_is(&t, "pktdelay-pkts") ||
		    pp_is(&t, "anchors"))
			return pp_err(p, t.line, "set limit %s is not supported", t.text);
		return pp_err(p, t.line, "unknown limit \"%s\": expected states", t.text);
	}
	pp_next(p, &n);
	if (!pp_number(p, &n, 1, UINT32_MAX, "set limit states", &v))
		return false;
	p->limit_states = (uint32_t)v;
	p->limit_set = true;
	return true;
}

/* One "NAME N" of set timeout. */
static bool timeout_item(struct pf_parser *p)
{
	struct pf_token t, n;
	uint64_t v;
	int idx;

	pp_next(p, &t);
	idx = t.type == PF_T_WORD ? pf_timeout_byname(t.text) : -1;
	if (idx < 0)
		return pp_err(p, t.line, "unknown timeout %s", t.text);
	if (idx == PFTM_FRAG || idx == PFTM_INTERVAL || idx == PFTM_SRC_NODE || idx == PFTM_TS_DIFF)
		return pp_err(p, t.line, "set timeout %s is not supported", t.text);
	pp_next(p, &n);
	if (!pp_number(p, &n, 0, UINT32_MAX, t.text, &v))
		return false;
	p->timeout[idx] = (uint32_t)v;
	p->timeout_set[idx] = true;
	return true;
}

/* set limit / set timeout: one item or a { } list (commas and newlines optional). */
static bool set_list(struct pf_parser *p, bool (*item)(struct pf_parser *))
{
	if (!pp_accept_tok(p, PF_T_LBRACE))
		return item(p);
	pp_skip_nl(p);
	while (!pp_accept_tok(p, PF_T_RBRACE)) {
		if (pp_peek(p)->type == PF_T_EOF)
			return pp_expected(p, "\"}\"");
		if (!item(p))
			return false;
		pp_accept_tok(p, PF_T_COMMA);
		pp_skip_nl(p);
	}
	return true;
}

static bool set_option(struct pf_parser *p)
{
	static const char *const unsupported[] = {
	    "optimization", "ruleset-optimization", "loginterface", "hostid",
	    "block-policy", "state-policy",         "fingerprints", "debug",
	    "reassemble",   "state-defaults",       "syncookies",
	};
	struct pf_token t;
	size_t i;

	pp_next(p, &t); /* set */
	if (pp_accept(p, "skip"))
		return set_skip(p);
	if (pp_accept(p, "limit"))
		return set_list(p, limit_item);
	if (pp_accept(p, "timeout"))
		return set_list(p, timeout_item);
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		if (pp_is(pp_peek(p), unsupported[i]))
			return pp_err(p, pp_peek(p)->line, "set %s is not supported",
			              unsupported[i]);
	return pp_expected(p, "skip, limit or timeout");
}

static bool statement(struct pf_parser *p)
{
	static const char *const unsupported[] = {
	    "anchor", "antispoof", "queue", "scrub", "include",    "load",
	    "nat",    "rdr",       "binat", "altq",  "nat-anchor", "rdr-anchor",
	};
	const struct pf_token *t = pp_peek(p);
	size_t i;

	if (t->type == PF_T_WORD && pp_peek2(p)->type == PF_T_EQ)
		return macro_def(p);
	if (pp_is(t, "pass") || pp_is(t, "block") || pp_is(t, "match"))
		return pp_rule(p);
	if (pp_is(t, "table"))
		return pp_tabledef(p);
	if (pp_is(t, "set"))
		return set_option(p);
	for (i = 0; i < sizeof(unsupported) / sizeof(unsupported[0]); i++)
		if (pp_is(t, unsupported[i]))
			return pp_err(p, t->line, "\"%s\" is not supported", t->text);
	return pp_expected(p, "a rule, an option, a table or a macro definition");
}

/* ---- result ----------------------------------------------------------- */

static struct pf_ruleset *finish(struct pf_parser *p, const char *file)
{
	struct pf_ruleset *rs = calloc(1, sizeof(*rs));
	uint32_t i;

	if (rs == NULL || (rs->file = strdup(file)) == NULL) {
		free(rs);
		pp_err(p, pf_lex_line(&p->lx), "out of memory");
		return NULL;
	}
	rs->nrules = p->rules.n;
	rs->rules = p->rules.v;
	p->rules.v = NULL;
	rs->stats = calloc(rs->nrules ? rs->nrules : 1, sizeof(*rs->stats));
	rs->ntables = p->tables.n;
	rs->tables = calloc(rs->ntables ? rs->ntables : 1, sizeof(*rs->tables));
	if (rs->stats == NULL || rs->tables == NULL) {
		pf_ruleset_free(rs);
		pp_err(p, pf_lex_line(&p->lx), "out of memory");
		return NULL;
	}
	for (i = 0; i < rs->ntables; i++) {
		struct pf_p_table *pt = PF_VEC_AT(&p->tables, struct pf_p_table, i);

		rs->tables[i] = pt->t;
		pt->t.e = NULL;
	}
	rs->nskip = p->skip.n;
	rs->skip = p->skip.v;
	p->skip.v = NULL;
	memcpy(rs->timeout, p->timeout, sizeof(rs->timeout));
	rs->limit_states = p->limit_set ? p->limit_states : PFSTATE_HIWAT;
	/*
	 * pfctl_load_options(): a state limit without explicit adaptive values
	 * gives adaptive.start 60% and adaptive.end 120% of it.
	 */
	if (p->limit_set && !p->timeout_set[PFTM_ADAPTIVE_START] &&
	    !p->timeout_set[PFTM_ADAPTIVE_END]) {
		rs->timeout[PFTM_ADAPTIVE_START] = (p->limit_states / 10) * 6;
		rs->timeout[PFTM_ADAPTIVE_END] = (p->limit_states / 10) * 12;
	}
	return rs;
}

static void parser_free(struct pf_parser *p)
{
	uint32_t i;

	for (i = 0; i < p->tables.n; i++)
		free(PF_VEC_AT(&p->tables, struct pf_p_table, i)->t.e);
	pf_vec_free(&p->tables);
	pf_vec_free(&p->rules);
	pf_vec_free(&p->skip);
	pf_lex_free(&p->lx);
}

struct pf_ruleset *pf_parse_buffer(const char *file, const char *text, size_t len,
                                   const struct pf_iface_list *ifs, char *err, size_t errlen)
{
	struct pf_parser p;
	struct pf_ruleset *rs = NULL;
	struct pf_token t;

	memset(&p, 0, sizeof(p));
	pf_lex_init(&p.lx, file, text, len);
	p.ifs = ifs;
	pf_timeouts_init(p.timeout);
	for (;;) {
		pp_skip_nl(&p);
		if (pp_failed(&p) || pp_peek(&p)->type == PF_T_EOF)
			break;
		if (!statement(&p))
			break;
		if (pp_peek(&p)->type != PF_T_NL && pp_peek(&p)->type != PF_T_EOF) {
			pp_expected(&p, "end of line");
			break;
		}
		pp_next(&p, &t);
	}
	if (!pp_failed(&p))
		rs = finish(&p, file);
	if (rs == NULL && err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", p.lx.err);
	else if (err != NULL && errlen > 0)
		err[0] = '\0';
	parser_free(&p);
	return rs;
}

struct pf_ruleset *pf_parse_file(const char *path, const struct pf_iface_list *ifs, char *err,
                                 size_t errlen)
{
	struct pf_ruleset *rs;
	char *buf = NULL;
	size_t len = 0, cap = 0, n;
	FILE *f = fopen(path, "r");

	if (f == NULL) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (len == cap) {
			char *nb;

			cap = cap ? cap * 2 : 8192;
			if (cap > PF_FILE_MAX || (nb = realloc(buf, cap)) == NULL) {
				snprintf(err, errlen, "%s: %s", path,
				         cap > PF_FILE_MAX ? "file too large" : "out of memory");
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
		if (n == 0)
			break;
	}
	if (ferror(f)) {
		snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	rs = pf_parse_buffer(path, buf ? buf : "", len, ifs, err, errlen);
	free(buf);
	return rs;
}
