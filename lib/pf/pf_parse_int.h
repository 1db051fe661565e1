/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Internals shared by the parser's files: the parser state, the rule
 * template one pf.conf line produces (with its lists still unexpanded)
 * and the token helpers. Not part of the library's API.
 *
 *   pf_parse.c       statements, macros, set options, entry points
 *   pf_parse_rule.c  pass/block/match lines and their options
 *   pf_parse_host.c  host specifications, interface addresses, tables
 *   pf_parse_port.c  ports, protocols, TCP flags
 *   pf_compile.c     list expansion into rules (as pfctl's expand_rule)
 */
#ifndef PF_PARSE_INT_H
#define PF_PARSE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_lex.h"
#include "pf_rule.h"

/* A growable array of fixed-size elements. */
struct pf_vec {
	void *v;
	uint32_t n, cap;
};

/* One interface of an `on` list. */
struct pf_p_if {
	uint16_t id;
	uint8_t neg;
	char name[PF_IFNAMSIZ];
};

/* One host of a from/to list, after interface resolution. */
struct pf_p_host {
	uint8_t type; /* PF_RA_ANY, PF_RA_PREFIX, PF_RA_TABLE */
	uint8_t neg;
	uint8_t af; /* PF_RA_PREFIX only */
	uint8_t plen;
	struct pf_addr addr;
	uint16_t table;                 /* parser table index (named tables: resolved at compile) */
	char tname[PF_TABLE_NAME_SIZE]; /* named table reference, "" otherwise */
};

struct pf_p_nat {
	bool set, static_port, port_given, from_iface;
	uint16_t port_lo, port_hi;
	uint8_t af; /* literal's family */
	struct pf_addr addr;
	char ifname[PF_IFNAMSIZ];
};

/* One pf.conf rule line before list expansion. */
struct pf_p_rule {
	uint32_t line;
	uint8_t action, dir, quick, af;
	struct pf_vec ifs;            /* struct pf_p_if, empty = any */
	struct pf_vec protos;         /* uint8_t, empty = any */
	struct pf_vec src, dst;       /* struct pf_p_host, empty = any */
	struct pf_vec sports, dports; /* struct pf_rule_port, empty = any */
	bool flags_given;
	uint8_t flags, flagset;
	int keep; /* -1 not given, 0 no state, 1 keep state */
	bool max_given, nosync, sloppy;
	uint32_t max_states;
	struct pf_p_nat nat;
};

struct pf_p_table {
	struct pf_table t;
	uint32_t line;
	bool named;
};

struct pf_parser {
	struct pf_lex lx;
	const struct pf_iface_list *ifs;
	struct pf_vec rules;  /* struct pf_rule */
	struct pf_vec tables; /* struct pf_p_table */
	struct pf_vec skip;   /* uint16_t */
	uint32_t timeout[PFTM_MAX];
	bool timeout_set[PFTM_MAX];
	uint32_t limit_states;
	bool limit_set;
};

/* pf_vec */
bool pf_vec_push(struct pf_parser *p, struct pf_vec *v, const void *elem, size_t esz);
void pf_vec_free(struct pf_vec *v);
#define PF_VEC_AT(vec, type, i) (&((type *)(vec)->v)[i])

/* tokens */
const struct pf_token *pp_peek(struct pf_parser *p);
const struct pf_token *pp_peek2(struct pf_parser *p);
void pp_next(struct pf_parser *p, struct pf_token *t);
bool pp_is(const struct pf_token *t, const char *word);
bool pp_accept(struct pf_parser *p, const char *word);
bool pp_accept_tok(struct pf_parser *p, enum pf_tok type);
void pp_skip_nl(struct pf_parser *p);
bool pp_failed(const struct pf_parser *p);
bool pp_err(struct pf_parser *p, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "syntax error at "TOK": expected WHAT" (or "at end of line") for the next token. */
bool pp_expected(struct pf_parser *p, const char *what);
bool pp_expect_tok(struct pf_parser *p, enum pf_tok type, const char *what);
/* Decimal number in [min, max] from a word, else "WHAT: "x" is not a number..." */
bool pp_number(struct pf_parser *p, const struct pf_token *t, uint64_t min, uint64_t max,
               const char *what, uint64_t *out);
bool pp_keyword(const char *word);

/* pf_parse_host.c */
bool pp_hostspec(struct pf_parser *p, struct pf_vec *hosts);
bool pp_tabledef(struct pf_parser *p);
bool pp_iface(struct pf_parser *p, const struct pf_token *t, const struct pf_iface **out);
int pp_table_find(const struct pf_parser *p, const char *name);

/* pf_parse_port.c */
bool pp_portspec(struct pf_parser *p, struct pf_vec *ports);
bool pp_portrange(struct pf_parser *p, const struct pf_token *t, uint16_t *a, uint16_t *b,
                  bool *range);
bool pp_protospec(struct pf_parser *p, struct pf_vec *protos);
bool pp_flags(struct pf_parser *p, struct pf_p_rule *r);

/* pf_parse_rule.c */
bool pp_rule(struct pf_parser *p);
bool pp_ifspec(struct pf_parser *p, struct pf_vec *ifs);

/* pf_compile.c */
bool pp_compile(struct pf_parser *p, struct pf_p_rule *r);
void pp_rule_free(struct pf_p_rule *r);

#endif /* PF_PARSE_INT_H */
