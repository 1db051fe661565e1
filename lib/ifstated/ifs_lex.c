/* SPDX-License-Identifier: BSD-2-Clause */
/* The ifstated.conf lexer; the rules are OpenBSD parse.y's yylex (see ifs_lex.h). */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ifs_lex.h"

#define LEX_EOF (-1)

/* Where reading stands, saved to give a character back. */
struct cursor {
	const char *p, *mp;
	int line;
};

static struct cursor cursor_save(const struct ifs_lex *lx)
{
	return (struct cursor){lx->p, lx->mp, lx->line};
}

static void cursor_restore(struct ifs_lex *lx, struct cursor c)
{
	lx->p = c.p;
	lx->mp = c.mp;
	lx->line = c.line;
}

void ifs_lex_init(struct ifs_lex *lx, const char *file, const char *text, size_t len,
                  ifs_error_fn error, void *arg)
{
	memset(lx, 0, sizeof(*lx));
	lx->file = file;
	lx->p = text;
	lx->end = text + len;
	lx->line = 1;
	lx->error = error;
	lx->arg = arg;
}

void ifs_lex_free(struct ifs_lex *lx)
{
	struct ifs_macro *m, *next;

	for (m = lx->macros; m != NULL; m = next) {
		next = m->next;
		free(m->name);
		free(m->value);
		free(m);
	}
	lx->macros = NULL;
}

static void lex_verrorf(struct ifs_lex *lx, int line, const char *fmt, va_list ap)
{
	char reason[256];

	vsnprintf(reason, sizeof(reason), fmt, ap);
	lx->errors++;
	if (lx->error != NULL)
		lx->error(lx->arg, lx->file, line, reason);
}

void ifs_lex_errorf(struct ifs_lex *lx, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lex_verrorf(lx, line, fmt, ap);
	va_end(ap);
}

int ifs_lex_define(struct ifs_lex *lx, const char *name, const char *value)
{
	struct ifs_macro *m;
	char *v = strdup(value);

	if (v == NULL)
		return -ENOMEM;
	for (m = lx->macros; m != NULL; m = m->next) {
		if (strcmp(m->name, name) == 0) { /* a later definition replaces it */
			free(m->value);
			m->value = v;
			return 0;
		}
	}
	m = calloc(1, sizeof(*m));
	if (m == NULL || (m->name = strdup(name)) == NULL) {
		free(m);
		free(v);
		return -ENOMEM;
	}
	m->value = v;
	m->next = lx->macros;
	lx->macros = m;
	return 0;
}

static const char *macro_get(const struct ifs_lex *lx, const char *name)
{
	const struct ifs_macro *m;

	for (m = lx->macros; m != NULL; m = m->next)
		if (strcmp(m->name, name) == 0)
			return m->value;
	return NULL;
}

/* A character of a macro's value, if one is being read; else LEX_EOF with
 * the expansion ended. */
static int macro_getc(struct ifs_lex *lx)
{
	if (lx->mp != NULL) {
		if (*lx->mp != '\0')
			return (unsigned char)*lx->mp++;
		lx->mp = NULL;
	}
	return LEX_EOF;
}

/* Outside quotes: backslash-newline joins lines; a backslash before any
 * other character is dropped (parse.y's lgetc(0)). */
static int lex_getc(struct ifs_lex *lx)
{
	int c = macro_getc(lx);

	if (c != LEX_EOF || lx->mp != NULL)
		return c;
	for (;;) {
		if (lx->p >= lx->end)
			return LEX_EOF;
		c = (unsigned char)*lx->p++;
		if (c != '\\')
			return c;
		if (lx->p >= lx->end)
			return LEX_EOF;
		c = (unsigned char)*lx->p++;
		if (c != '\n')
			return c;
		lx->line++;
	}
}

/* Inside quotes: every character as it is. *from_file says where it came
 * from (only the file's newlines count as lines). */
static int quoted_getc(struct ifs_lex *lx, bool *from_file)
{
	int c = macro_getc(lx);

	*from_file = false;
	if (c != LEX_EOF)
		return c;
	if (lx->p >= lx->end)
		return LEX_EOF;
	*from_file = true;
	return (unsigned char)*lx->p++;
}

/* Report an error at the token's line; the token is then an error. */
__attribute__((format(printf, 2, 3))) static enum ifs_tok lex_fail(struct ifs_lex *lx,
                                                                   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	lex_verrorf(lx, lx->tok_line, fmt, ap);
	va_end(ap);
	return lx->tok = IFS_TOK_ERROR;
}

static enum ifs_tok too_long(struct ifs_lex *lx)
{
	return lex_fail(lx, "string too long (more than %d bytes)", IFS_STRING_MAX);
}

static enum ifs_tok lex_quoted(struct ifs_lex *lx, int quote)
{
	size_t n = 0;
	bool from_file;
	int c, next;

	lx->quoted = true;
	for (;;) {
		c = quoted_getc(lx, &from_file);
		if (c == LEX_EOF)
			return lex_fail(lx, "reached end of file while parsing quoted string");
		if (c == '\n') { /* a newline in a string is dropped */
			lx->line += from_file;
			continue;
		}
		if (c == quote)
			break;
		if (c == '\\') {
			struct cursor before = cursor_save(lx);

			next = quoted_getc(lx, &from_file);
			if (next == quote) {
				c = next;
			} else if (next == '\n') {
				lx->line += from_file;
				continue;
			} else {
				cursor_restore(lx, before); /* keep the backslash */
			}
		}
		if (n == IFS_STRING_MAX)
			return too_long(lx);
		lx->text[n++] = (char)c;
	}
	lx->text[n] = '\0';
	return lx->tok = IFS_TOK_STRING;
}

/* $name outside quotes: the macro's value is read next. */
static enum ifs_tok lex_macro(struct ifs_lex *lx, bool in_macro)
{
	struct cursor before;
	const char *value;
	size_t n = 0;
	int c;

	for (;;) {
		before = cursor_save(lx);
		c = lex_getc(lx);
		if (c == LEX_EOF || !(isalnum(c) || c == '_'))
			break;
		if (n == IFS_STRING_MAX)
			return too_long(lx);
		lx->text[n++] = (char)c;
	}
	cursor_restore(lx, before);
	lx->text[n] = '\0';
	if (in_macro)
		return lex_fail(lx, "macro '%s' used inside a macro's value: not expanded",
		                lx->text);
	value = macro_get(lx, lx->text);
	if (value == NULL)
		return lex_fail(lx, "macro '%s' not defined", lx->text);
	lx->mp = value;
	return IFS_TOK_EOF; /* caller reads on */
}

static bool ends_number(int c)
{
	return c == LEX_EOF || isspace(c) || c == ')' || c == ',' || c == '/' || c == '}' ||
	       c == '=';
}

static bool word_start(int c)
{
	return isalnum(c) || c == ':' || c == '_' || c == '&' || c == '|';
}

static bool word_char(int c)
{
	return isalnum(c) || (ispunct(c) && strchr("(){}!=#,.", c) == NULL);
}

/* Digits, optionally after '-', followed by a separator; else reading
 * goes back to AFTER (just after the first character C) and it is read
 * again as a word or a '-' (parse.y). Returns true when it was a number. */
static bool lex_number(struct ifs_lex *lx, int c, struct cursor after, enum ifs_tok *tok)
{
	struct cursor before;
	size_t n = 0;
	char *end;

	lx->text[n++] = (char)c;
	for (;;) {
		before = cursor_save(lx);
		c = lex_getc(lx);
		if (c == LEX_EOF || !isdigit(c) || n == 64)
			break;
		lx->text[n++] = (char)c;
	}
	cursor_restore(lx, before);
	lx->text[n] = '\0';
	if (n == 1 && lx->text[0] == '-')
		goto not_a_number;
	if (!ends_number(c))
		goto not_a_number;
	errno = 0;
	lx->num = strtoll(lx->text, &end, 10);
	if (errno != 0 || *end != '\0') {
		*tok = lex_fail(lx, "\"%s\" invalid number: too large", lx->text);
		return true;
	}
	*tok = lx->tok = IFS_TOK_NUMBER;
	return true;
not_a_number:
	cursor_restore(lx, after);
	return false;
}

static enum ifs_tok keyword(const char *s)
{
	static const struct {
		const char *name;
		enum ifs_tok tok;
	} kw[] = {
#define X(e, n) {n, IFS_TOK_##e},
	    IFS_KEYWORDS(X)
#undef X
	};
	size_t i;

	for (i = 0; i < sizeof(kw) / sizeof(kw[0]); i++)
		if (strcmp(s, kw[i].name) == 0)
			return kw[i].tok;
	return IFS_TOK_STRING;
}

static enum ifs_tok lex_word(struct ifs_lex *lx, int c)
{
	struct cursor before;
	size_t n = 0;

	do {
		if (n == IFS_STRING_MAX)
			return too_long(lx);
		lx->text[n++] = (char)c;
		before = cursor_save(lx);
		c = lex_getc(lx);
	} while (c != LEX_EOF && word_char(c));
	cursor_restore(lx, before);
	lx->text[n] = '\0';
	return lx->tok = keyword(lx->text);
}

enum ifs_tok ifs_lex_next(struct ifs_lex *lx)
{
	struct cursor after;
	enum ifs_tok tok;
	bool in_macro;
	int c;

	if (lx->tok == IFS_TOK_ERROR)
		return IFS_TOK_ERROR; /* the first error ends the parse */
	for (;;) {
		lx->quoted = false;
		lx->text[0] = '\0';
		do {
			in_macro = lx->mp != NULL && *lx->mp != '\0';
			c = lex_getc(lx);
		} while (c == ' ' || c == '\t');
		lx->tok_line = lx->line;
		if (c == '#')
			while ((c = lex_getc(lx)) != '\n' && c != LEX_EOF)
				;
		if (c != '$')
			break;
		if (lex_macro(lx, in_macro) == IFS_TOK_ERROR)
			return IFS_TOK_ERROR;
	}
	if (c == '\'' || c == '"')
		return lex_quoted(lx, c);
	after = cursor_save(lx);
	if ((c == '-' || isdigit(c)) && lex_number(lx, c, after, &tok))
		return tok;
	if (word_start(c))
		return lex_word(lx, c);
	if (c == LEX_EOF)
		return lx->tok = IFS_TOK_EOF;
	if (c == '\n') {
		if (!in_macro)
			lx->line++;
		return lx->tok = IFS_TOK_NL;
	}
	lx->ch = (char)c;
	return lx->tok = IFS_TOK_CHAR;
}

const char *ifs_lex_describe(struct ifs_lex *lx, char *buf, size_t len)
{
	switch (lx->tok) {
	case IFS_TOK_EOF:
		return "end of file";
	case IFS_TOK_NL:
		return "end of line";
	case IFS_TOK_ERROR:
		return "an error";
	case IFS_TOK_CHAR:
		if (isprint((unsigned char)lx->ch))
			snprintf(buf, len, "'%c'", lx->ch);
		else
			snprintf(buf, len, "byte 0x%02x", (unsigned char)lx->ch);
		return buf;
	case IFS_TOK_STRING:
		snprintf(buf, len, lx->quoted ? "\"%.40s\"" : "'%.40s'", lx->text);
		return buf;
	default: /* numbers and keywords as written */
		snprintf(buf, len, "'%.40s'", lx->text);
		return buf;
	}
}
