/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ifstated.conf tokens, following OpenBSD's parse.y lexer: '#' comments,
 * backslash-newline continuation, '...' and "..." strings (a newline inside
 * is dropped, \<quote> is the quote), bare words, numbers, keywords, and
 * $macro expansion outside quotes (a macro's text is lexed again; macros are
 * not expanded inside a macro). Newlines are tokens: they end statements.
 * Internal to lib/ifstated.
 */
#ifndef IFS_LEX_H
#define IFS_LEX_H

#include <stdbool.h>
#include <stddef.h>

#include "ifs_conf.h"

#define IFS_KEYWORDS(X)                                                                            \
	X(AND, "&&")                                                                               \
	X(DOWN, "down")                                                                            \
	X(EVERY, "every")                                                                          \
	X(IF, "if")                                                                                \
	X(INIT, "init")                                                                            \
	X(INIT_STATE, "init-state")                                                                \
	X(LINK, "link")                                                                            \
	X(OR, "||")                                                                                \
	X(RUN, "run")                                                                              \
	X(SET_STATE, "set-state")                                                                  \
	X(STATE, "state")                                                                          \
	X(UNKNOWN, "unknown")                                                                      \
	X(UP, "up")

enum ifs_tok {
	IFS_TOK_EOF,
	IFS_TOK_NL,
	IFS_TOK_STRING, /* a bare word or a quoted string */
	IFS_TOK_NUMBER,
	IFS_TOK_CHAR,  /* one of . ( ) { } ! = or anything else unexpected */
	IFS_TOK_ERROR, /* the lexer reported an error */
#define X(e, s) IFS_TOK_##e,
	IFS_KEYWORDS(X)
#undef X
};

struct ifs_macro {
	char *name, *value;
	struct ifs_macro *next;
};

struct ifs_lex {
	const char *file;
	const char *p, *end; /* the file */
	const char *mp;      /* inside a macro's value (NUL-terminated), or NULL */
	int line;
	struct ifs_macro *macros;
	ifs_error_fn error;
	void *arg;
	unsigned errors;
	bool oom;
	/* the current token */
	enum ifs_tok tok;
	int tok_line;
	bool quoted;
	char ch;                       /* IFS_TOK_CHAR */
	long long num;                 /* IFS_TOK_NUMBER */
	char text[IFS_STRING_MAX + 1]; /* STRING, NUMBER and keywords, as written */
};

void ifs_lex_init(struct ifs_lex *lx, const char *file, const char *text, size_t len,
                  ifs_error_fn error, void *arg);
/* Read the next token into lx->tok (and its fields). */
enum ifs_tok ifs_lex_next(struct ifs_lex *lx);
/* Define (or redefine) a macro. 0 or -ENOMEM. */
int ifs_lex_define(struct ifs_lex *lx, const char *name, const char *value);
void ifs_lex_free(struct ifs_lex *lx);

/* Report an error at LINE (counted in lx->errors). */
void ifs_lex_errorf(struct ifs_lex *lx, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The current token as a message shows it: 'word', "string", newline, end of file. */
const char *ifs_lex_describe(struct ifs_lex *lx, char *buf, size_t len);

#endif /* IFS_LEX_H */
