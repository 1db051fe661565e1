/* SPDX-License-Identifier: BSD-2-Clause */
/* pf.conf tokenizer: see pf_lex.h. */
#include "pf_lex.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pf_lex_init(struct pf_lex *lx, const char *file, const char *buf, size_t len)
{
	memset(lx, 0, sizeof(*lx));
	lx->file = file;
	lx->in[0].buf = buf;
	lx->in[0].len = len;
	lx->in[0].line = 1;
	lx->depth = 1;
}

void pf_lex_free(struct pf_lex *lx)
{
	unsigned i;

	for (i = 0; i < lx->nmacros; i++) {
		free(lx->macros[i].name);
		free(lx->macros[i].value);
	}
	free(lx->macros);
	lx->macros = NULL;
	lx->nmacros = 0;
}

bool pf_lex_error(struct pf_lex *lx, uint32_t line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (lx->failed)
		return false;
	lx->failed = true;
	n = snprintf(lx->err, sizeof(lx->err), "%s:%u: ", lx->file, line);
	if (n < 0 || (size_t)n >= sizeof(lx->err))
		return false;
	va_start(ap, fmt);
	vsnprintf(lx->err + n, sizeof(lx->err) - (size_t)n, fmt, ap);
	va_end(ap);
	return false;
}

/* Current line in the file (macro text does not advance it). */
static uint32_t file_line(const struct pf_lex *lx)
{
	return lx->in[0].line;
}

/* Line a token starting now belongs to. */
static uint32_t cur_line(const struct pf_lex *lx)
{
	const struct pf_lex_input *in = &lx->in[lx->depth - 1];

	return in->macro != NULL ? in->line : file_line(lx);
}

static bool expanding(const struct pf_lex *lx)
{
	return lx->in[lx->depth - 1].macro != NULL;
}

/*
 * Next character of the stream, -1 at the end. A macro's text flows into
 * the file's characters (so "$if:network" is one word, as in pfctl).
 * Backslash-newline in the file is skipped and counts the line.
 */
static int lgetc(struct pf_lex *lx)
{
	for (;;) {
		struct pf_lex_input *in = &lx->in[lx->depth - 1];

		if (in->pos >= in->len) {
			if (lx->depth == 1)
				return -1;
			lx->depth--;
			continue;
		}
		if (in->macro == NULL && in->buf[in->pos] == '\\' && in->pos + 1 < in->len &&
		    in->buf[in->pos + 1] == '\n') {
			in->pos += 2;
			in->line++;
			continue;
		}
		return (unsigned char)in->buf[in->pos++];
	}
}

/* Peek at the next character without consuming it (no continuation handling). */
static int lpeekc(struct pf_lex *lx)
{
	unsigned d = lx->depth;

	while (d > 0) {
		const struct pf_lex_input *in = &lx->in[d - 1];

		if (in->pos < in->len)
			return (unsigned char)in->buf[in->pos];
		d--;
	}
	return -1;
}

static void lungetc(struct pf_lex *lx)
{
	struct pf_lex_input *in = &lx->in[lx->depth - 1];

	/* only ever called right after lgetc() returned a character of this frame */
	if (in->pos > 0)
		in->pos--;
}

static const struct pf_macro *macro_find(const struct pf_lex *lx, const char *name)
{
	unsigned i;

	for (i = 0; i < lx->nmacros; i++)
		if (strcmp(lx->macros[i].name, name) == 0)
			return &lx->macros[i];
	return NULL;
}

bool pf_lex_define(struct pf_lex *lx, const char *name, const char *value, uint32_t line)
{
	struct pf_macro *m = (struct pf_macro *)macro_find(lx, name), *nm;
	char *v;

	if (strlen(value) > PF_MACRO_MAX)
		return pf_lex_error(lx, line, "macro '%s' value too long (max %d characters)", name,
		                    PF_MACRO_MAX);
	if ((v = strdup(value)) == NULL)
		return pf_lex_error(lx, line, "out of memory");
	if (m != NULL) {
		free(m->value);
		m->value = v;
		return true;
	}
	nm = realloc(lx->macros, (lx->nmacros + 1) * sizeof(*nm));
	if (nm == NULL || (nm[lx->nmacros].name = strdup(name)) == NULL) {
		free(v);
		if (nm != NULL)
			lx->macros = nm;
		return pf_lex_error(lx, line, "out of memory");
	}
	lx->macros = nm;
	nm[lx->nmacros].value = v;
	lx->nmacros++;
	return true;
}

static bool word_char(int c)
{
	if (c < 0 || c > 127)
		return false;
	if (isalnum(c))
		return true;
	return ispunct(c) && strchr("(){}<>!=/#,", c) == NULL;
}

static bool word_start(int c)
{
	return c >= 0 && c <= 127 && (isalnum(c) || c == ':' || c == '_' || c == '-');
}

/* Push the text of $name; the name follows the '$' just read. */
static bool expand(struct pf_lex *lx)
{
	char name[PF_TOK_MAX + 1];
	const struct pf_macro *m;
	size_t n = 0;
	uint32_t line = cur_line(lx);
	int c;

	while ((c = lpeekc(lx)) >= 0 && c <= 127 && (isalnum(c) || c == '_')) {
		if (n == PF_TOK_MAX)
			return pf_lex_error(lx, line, "string too long");
		name[n++] = (char)lgetc(lx);
	}
	name[n] = '\0';
	if (n == 0)
		return pf_lex_error(lx, line, "syntax error at \"$\": expected a macro name");
	m = macro_find(lx, name);
	if (m == NULL)
		return pf_lex_error(lx, line, "macro '%s' not defined", name);
	lx->in[1].buf = m->value;
	lx->in[1].len = strlen(m->value);
	lx->in[1].pos = 0;
	lx->in[1].line = line;
	lx->in[1].macro = m->name;
	lx->depth = 2;
	return true;
}

static bool quoted(struct pf_lex *lx, int quote, struct pf_token *t)
{
	size_t n = 0;
	int c;

	for (;;) {
		c = lgetc(lx);
		if (c < 0)
			return pf_lex_error(lx, t->line,
			                    "reached end of file while parsing quoted string");
		if (c == '\n') {
			if (!expanding(lx))
				lx->in[0].line++;
			continue;
		}
		if (c == '\\') {
			int next = lpeekc(lx);

			if (next == quote || next == ' ' || next == '\t')
				c = lgetc(lx);
		} else if (c == quote) {
			break;
		} else if (c == '\0') {
			return pf_lex_error(lx, t->line, "syntax error: NUL byte in quoted string");
		}
		if (n == PF_TOK_MAX)
			return pf_lex_error(lx, t->line, "string too long");
		t->text[n++] = (char)c;
	}
	t->text[n] = '\0';
	t->type = PF_T_STRING;
	return true;
}

static void punct(struct pf_token *t, enum pf_tok type, const char *text)
{
	t->type = type;
	snprintf(t->text, sizeof(t->text), "%s", text);
}

/* Two-character operators: c was read, second is the candidate next one. */
static void op2(struct pf_lex *lx, struct pf_token *t, int second, enum pf_tok two,
                const char *two_text, int second2, enum pf_tok two2, const char *two2_text,
                enum pf_tok one, const char *one_text)
{
	int next = lpeekc(lx);

	if (second != 0 && next == second) {
		lgetc(lx);
		punct(t, two, two_text);
	} else if (second2 != 0 && next == second2) {
		lgetc(lx);
		punct(t, two2, two2_text);
	} else {
		punct(t, one, one_text);
	}
}

/* Read one token into t; false on error (recorded). */
static bool lex_one(struct pf_lex *lx, struct pf_token *t)
{
	size_t n = 0;
	int c;

	for (;;) {
		c = lgetc(lx);
		while (c == ' ' || c == '\t' || c == '\r')
			c = lgetc(lx);
		t->line = cur_line(lx);
		if (c == '#') {
			while ((c = lpeekc(lx)) >= 0 && c != '\n')
				lgetc(lx);
			continue;
		}
		if (c == '$' && !expanding(lx)) {
			if (!expand(lx))
				return false;
			continue;
		}
		break;
	}
	switch (c) {
	case -1:
		t->line = lx->last_line ? lx->last_line : file_line(lx);
		punct(t, PF_T_EOF, "end of file");
		return true;
	case '\n':
		if (!expanding(lx))
			lx->in[0].line++;
		punct(t, PF_T_NL, "end of line");
		return true;
	case '"':
	case '\'':
		return quoted(lx, c, t);
	case '{':
		punct(t, PF_T_LBRACE, "{");
		return true;
	case '}':
		punct(t, PF_T_RBRACE, "}");
		return true;
	case '(':
		punct(t, PF_T_LPAREN, "(");
		return true;
	case ')':
		punct(t, PF_T_RPAREN, ")");
		return true;
	case ',':
		punct(t, PF_T_COMMA, ",");
		return true;
	case '/':
		punct(t, PF_T_SLASH, "/");
		return true;
	case '=':
		punct(t, PF_T_EQ, "=");
		return true;
	case '!':
		op2(lx, t, '=', PF_T_NE, "!=", 0, PF_T_EOF, NULL, PF_T_NOT, "!");
		return true;
	case '<':
		op2(lx, t, '>', PF_T_XRG, "<>", '=', PF_T_LE, "<=", PF_T_LT, "<");
		return true;
	case '>':
		op2(lx, t, '<', PF_T_IRG, "><", '=', PF_T_GE, ">=", PF_T_GT, ">");
		return true;
	default:
		break;
	}
	if (!word_start(c)) {
		if (c >= 0x21 && c < 0x7f)
			return pf_lex_error(lx, t->line, "unexpected character \"%c\"", c);
		return pf_lex_error(lx, t->line, "unexpected character 0x%02x", (unsigned)c);
	}
	t->text[n++] = (char)c;
	while (word_char(c = lgetc(lx))) {
		if (n == PF_TOK_MAX)
			return pf_lex_error(lx, t->line, "string too long");
		t->text[n++] = (char)c;
	}
	if (c >= 0)
		lungetc(lx);
	t->text[n] = '\0';
	t->type = PF_T_WORD;
	return true;
}

const struct pf_token *pf_lex_peek(struct pf_lex *lx, unsigned k)
{
	while (lx->nahead <= k) {
		struct pf_token *t = &lx->ahead[lx->nahead];

		if (lx->failed || !lex_one(lx, t)) {
			t->type = PF_T_EOF;
			t->line = file_line(lx);
			snprintf(t->text, sizeof(t->text), "end of file");
		}
		lx->last_line = t->line;
		lx->nahead++;
	}
	return &lx->ahead[k];
}

const struct pf_token *pf_lex_next(struct pf_lex *lx, struct pf_token *out)
{
	pf_lex_peek(lx, 0);
	*out = lx->ahead[0];
	lx->ahead[0] = lx->ahead[1];
	lx->nahead--;
	if (lx->failed)
		out->type = PF_T_EOF;
	return out;
}

uint32_t pf_lex_line(struct pf_lex *lx)
{
	return pf_lex_peek(lx, 0)->line;
}

const char *pf_tok_text(const struct pf_token *t)
{
	return t->text;
}
