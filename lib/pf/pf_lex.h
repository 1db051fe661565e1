/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pf.conf tokenizer, following pfctl's yylex (parse.y): words are runs of
 * letters, digits and punctuation other than ( ) { } < > ! = / # , (so
 * "10.0.0.1", "1024:65535", "tcp.first", "lan0:network" are one word);
 * "..." and '...' quote a word; `#` starts a comment; a backslash before
 * the newline continues the line; `$name` expands a macro whose text is
 * tokenized again (not recursively: pfctl does not expand `$` inside a
 * macro's text either). Each token carries the line it started on; tokens
 * that come from a macro carry the line of the `$name`.
 *
 * Errors are recorded once, as "FILE:LINE: reason", and every later call
 * returns PF_T_EOF, so a caller can stop at the first one.
 */
#ifndef PF_LEX_H
#define PF_LEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pf_rule.h"

#define PF_TOK_MAX   1024 /* longest word or quoted string */
#define PF_MACRO_MAX 4096 /* longest macro value */

enum pf_tok {
	PF_T_EOF,
	PF_T_NL,
	PF_T_WORD,   /* unquoted */
	PF_T_STRING, /* quoted */
	PF_T_LBRACE,
	PF_T_RBRACE,
	PF_T_LPAREN,
	PF_T_RPAREN,
	PF_T_COMMA,
	PF_T_SLASH,
	PF_T_NOT, /* ! */
	PF_T_EQ,  /* = */
	PF_T_NE,  /* != */
	PF_T_LT,
	PF_T_LE,
	PF_T_GT,
	PF_T_GE,
	PF_T_XRG, /* <> */
	PF_T_IRG, /* >< */
};

struct pf_token {
	enum pf_tok type;
	uint32_t line;
	char text[PF_TOK_MAX + 1];
};

struct pf_macro {
	char *name, *value;
};

struct pf_lex_input {
	const char *buf;
	size_t len, pos;
	uint32_t line;     /* macro frames: the line of their $name */
	const char *macro; /* NULL for the file itself */
};

struct pf_lex {
	const char *file;
	struct pf_lex_input in[2]; /* the file and at most one macro being read */
	unsigned depth;
	struct pf_macro *macros;
	unsigned nmacros;
	struct pf_token ahead[2]; /* lookahead */
	unsigned nahead;
	uint32_t last_line; /* of the last token: where end of file is reported */
	bool failed;
	char err[PF_ERR_MAX];
};

void pf_lex_init(struct pf_lex *lx, const char *file, const char *buf, size_t len);
void pf_lex_free(struct pf_lex *lx);

/* Next token (consumed), or the k-th token ahead (0 = next) without consuming. */
const struct pf_token *pf_lex_next(struct pf_lex *lx, struct pf_token *out);
const struct pf_token *pf_lex_peek(struct pf_lex *lx, unsigned k);

/* Define or replace a macro; false (error recorded) when out of memory or too long. */
bool pf_lex_define(struct pf_lex *lx, const char *name, const char *value, uint32_t line);

/* Record "FILE:LINE: reason" unless an error is already recorded; returns false. */
bool pf_lex_error(struct pf_lex *lx, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The line the next token starts on (for errors at end of line). */
uint32_t pf_lex_line(struct pf_lex *lx);

/* Printable form of a token for messages: the word, or the punctuation. */
const char *pf_tok_text(const struct pf_token *t);

#endif /* PF_LEX_H */
