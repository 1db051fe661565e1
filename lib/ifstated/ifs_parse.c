/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ifstated.conf parser: recursive descent over ifs_lex's tokens, the
 * grammar of ifstated.conf(5):
 *
 *   grammar  = { [ entry ] "\n" }
 *   entry    = "init-state" string | NAME "=" string+ | action | state
 *   action   = "run" string | "set-state" string | "if" expr block
 *   block    = [nl] "{" { action nl } "}" | [nl] action
 *   state    = "state" string+ [nl] "{" { ( "init" block | action ) nl } "}"
 *   expr     = unary { ( "&&" | "||" ) unary }     (one precedence, left to
 *              right, as parse.y's %left AND OR)
 *   unary    = "!" unary | term
 *   term     = string "." "link" "." ( "up" | "down" | "unknown" )
 *            | string "every" number | "(" expr ")"
 *
 * A syntax error ends the parse; the other errors (unknown interface or
 * state, bad interval, ...) are all reported. Two small leniencies over
 * parse.y: the last action before '}' needs no newline, and empty blocks
 * are accepted.
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ifs_build.h"
#include "ifs_lex.h"

/* A set-state whose name is resolved once every state is known. */
struct pending {
	struct ifs_action *action;
	char *name;
};

struct parser {
	struct ifs_lex lx;
	struct ifs_conf *c;
	const struct ifs_parse_opts *opts;
	uint32_t state; /* the state being parsed; IFS_GLOBAL_STATE outside */
	int depth;      /* nesting of expressions */
	int blocks;     /* nesting of if blocks */
	struct pending *pending;
	uint32_t n_pending;
	char *init_state;
	int init_state_line;
	bool failed; /* a syntax error, or out of memory: stop */
};

static enum ifs_tok tok(const struct parser *p)
{
	return p->lx.tok;
}

static bool is_char(const struct parser *p, char ch)
{
	return p->lx.tok == IFS_TOK_CHAR && p->lx.ch == ch;
}

static void next(struct parser *p)
{
	if (ifs_lex_next(&p->lx) == IFS_TOK_ERROR)
		p->failed = true;
}

static void oom(struct parser *p)
{
	if (!p->failed)
		ifs_lex_errorf(&p->lx, 0, "out of memory");
	p->failed = true;
	errno = ENOMEM;
}

/* "syntax error: expected WHAT, found TOKEN"; the parse stops. */
static void expected(struct parser *p, const char *what)
{
	char buf[64];

	if (p->failed)
		return; /* the lexer has reported it */
	ifs_lex_errorf(&p->lx, p->lx.tok_line, "syntax error: expected %s, found %s", what,
	               ifs_lex_describe(&p->lx, buf, sizeof(buf)));
	p->failed = true;
}

static void skip_newlines(struct parser *p)
{
	while (tok(p) == IFS_TOK_NL)
		next(p);
}

/* string+ joined by single spaces (parse.y's "string" rule), or NULL. */
static char *strings(struct parser *p)
{
	size_t len = 0, n;
	char *s = NULL, *ns;

	while (tok(p) == IFS_TOK_STRING) {
		n = strlen(p->lx.text);
		ns = realloc(s, len + n + 2);
		if (ns == NULL) {
			free(s);
			oom(p);
			return NULL;
		}
		s = ns;
		if (len > 0)
			s[len++] = ' ';
		memcpy(s + len, p->lx.text, n + 1);
		len += n;
		next(p);
	}
	return s;
}

static struct ifs_expr *expr(struct parser *p);

static struct ifs_expr *link_test(struct parser *p, const char *iface, int line)
{
	static const enum ifs_link links[] = {[IFS_TOK_UP] = IFS_LINK_UP,
	                                      [IFS_TOK_DOWN] = IFS_LINK_DOWN,
	                                      [IFS_TOK_UNKNOWN] = IFS_LINK_UNKNOWN};
	char what[96];
	struct ifs_expr *e;
	int idx;

	next(p); /* '.' */
	snprintf(what, sizeof(what), "'link' after '%.40s.'", iface);
	if (tok(p) != IFS_TOK_LINK)
		return expected(p, what), NULL;
	next(p);
	if (!is_char(p, '.'))
		return expected(p, "'.' after 'link'"), NULL;
	next(p);
	if (tok(p) != IFS_TOK_UP && tok(p) != IFS_TOK_DOWN && tok(p) != IFS_TOK_UNKNOWN)
		return expected(p, "up, down or unknown after '.link.'"), NULL;
	if (p->opts->iface_known != NULL && !p->opts->iface_known(p->opts->arg, iface))
		ifs_lex_errorf(&p->lx, line, "unknown interface %s", iface);
	e = ifs_expr_new(IFS_EXPR_LINK);
	idx = ifs_iface_use(p->c, p->state, iface, line);
	if (e == NULL || idx < 0)
		return free(e), oom(p), NULL;
	e->u.link.iface = (uint32_t)idx;
	e->u.link.want = links[tok(p)];
	next(p);
	return e;
}

static struct ifs_expr *external_test(struct parser *p, const char *cmd, int line)
{
	struct ifs_expr *e;
	long long every;
	int idx;

	next(p); /* every */
	if (tok(p) != IFS_TOK_NUMBER)
		return expected(p, "a number of seconds after every"), NULL;
	every = p->lx.num;
	if (every < 1 || every > IFS_EVERY_MAX) {
		ifs_lex_errorf(&p->lx, p->lx.tok_line,
		               "every %lld: interval out of range 1-%d seconds", every,
		               IFS_EVERY_MAX);
		every = 1; /* keep parsing */
	}
	e = ifs_expr_new(IFS_EXPR_TEST);
	idx = ifs_test_use(p->c, p->state, cmd, (uint32_t)every, line);
	if (e == NULL || idx < 0)
		return free(e), oom(p), NULL;
	e->u.test = (uint32_t)idx;
	next(p);
	return e;
}

static struct ifs_expr *term(struct parser *p)
{
	struct ifs_expr *e;
	char *name;
	int line = p->lx.tok_line;

	if (is_char(p, '(')) {
		next(p);
		e = expr(p);
		if (e != NULL && !is_char(p, ')')) {
			expected(p, "')'");
			ifs_expr_free(e);
			return NULL;
		}
		next(p);
		return e;
	}
	if (tok(p) != IFS_TOK_STRING)
		return expected(p, "a test (IFACE.link.up|down|unknown, \"command\" every N, "
		                   "'!' or '(')"),
		       NULL;
	name = strdup(p->lx.text);
	if (name == NULL)
		return oom(p), NULL;
	next(p);
	if (is_char(p, '.'))
		e = link_test(p, name, line);
	else if (tok(p) == IFS_TOK_EVERY)
		e = external_test(p, name, line);
	else
		e = NULL, expected(p, "'.link.' or 'every' after a test's name or command");
	free(name);
	return e;
}

/* Counts a nesting level in *LEVEL; false (after the error) when too deep. */
static bool nest(struct parser *p, int *level, const char *what)
{
	if (++*level <= IFS_DEPTH_MAX)
		return true;
	ifs_lex_errorf(&p->lx, p->lx.tok_line, "%s nested too deeply (more than %d levels)", what,
	               IFS_DEPTH_MAX);
	p->failed = true;
	return false;
}

static struct ifs_expr *unary(struct parser *p)
{
	struct ifs_expr *e, *arg;

	if (!nest(p, &p->depth, "expression"))
		return NULL;
	if (is_char(p, '!')) {
		next(p);
		arg = unary(p);
		e = arg != NULL ? ifs_expr_new(IFS_EXPR_NOT) : NULL;
		if (arg != NULL && e == NULL)
			oom(p);
		if (e == NULL)
			ifs_expr_free(arg);
		else
			e->u.arg[0] = arg;
	} else {
		e = term(p);
	}
	p->depth--;
	return e;
}

static struct ifs_expr *expr(struct parser *p)
{
	struct ifs_expr *left = unary(p), *right, *e;
	enum ifs_expr_type type;

	while (left != NULL && (tok(p) == IFS_TOK_AND || tok(p) == IFS_TOK_OR)) {
		type = tok(p) == IFS_TOK_AND ? IFS_EXPR_AND : IFS_EXPR_OR;
		next(p);
		right = unary(p);
		e = right != NULL ? ifs_expr_new(type) : NULL;
		if (e == NULL) {
			if (right != NULL)
				oom(p);
			ifs_expr_free(left);
			ifs_expr_free(right);
			return NULL;
		}
		e->u.arg[0] = left;
		e->u.arg[1] = right;
		left = e;
	}
	return left;
}

static void block(struct parser *p, struct ifs_block *b);

/* The token after a statement: a newline, or the '}' that ends its block. */
static void end_of_statement(struct parser *p)
{
	if (tok(p) == IFS_TOK_NL)
		next(p);
	else if (!is_char(p, '}') && tok(p) != IFS_TOK_EOF)
		expected(p, "end of line");
}

static void set_state(struct parser *p, struct ifs_action *a)
{
	struct pending *np;
	char *name;

	if (tok(p) != IFS_TOK_STRING)
		return expected(p, "a state name after set-state");
	if (p->state == IFS_GLOBAL_STATE)
		ifs_lex_errorf(&p->lx, p->lx.tok_line, "set-state %s outside a state", p->lx.text);
	name = strdup(p->lx.text);
	np = realloc(p->pending, (p->n_pending + 1) * sizeof(*np));
	if (name == NULL || np == NULL) {
		free(name);
		if (np != NULL)
			p->pending = np;
		return oom(p);
	}
	p->pending = np;
	np[p->n_pending++] = (struct pending){a, name};
	next(p);
}

/* One action, appended to B. */
static void action(struct parser *p, struct ifs_block *b)
{
	struct ifs_action *a;
	enum ifs_action_type type;

	switch (tok(p)) {
	case IFS_TOK_RUN:
		type = IFS_ACTION_RUN;
		break;
	case IFS_TOK_SET_STATE:
		type = IFS_ACTION_SET_STATE;
		break;
	case IFS_TOK_IF:
		type = IFS_ACTION_IF;
		break;
	default:
		return expected(p, "an action (run, set-state or if)");
	}
	a = ifs_action_new(type, p->lx.tok_line);
	if (a == NULL)
		return oom(p);
	ifs_block_append(b, a);
	next(p);
	switch (type) {
	case IFS_ACTION_RUN:
		if (tok(p) != IFS_TOK_STRING)
			return expected(p, "a command after run");
		a->u.cmd = strdup(p->lx.text);
		if (a->u.cmd == NULL)
			return oom(p);
		next(p);
		break;
	case IFS_ACTION_SET_STATE:
		set_state(p, a);
		break;
	case IFS_ACTION_IF:
		a->u.cond.cond = expr(p);
		if (a->u.cond.cond != NULL)
			block(p, &a->u.cond.then);
		break;
	}
}

/* [nl] "{" { action nl } "}" | [nl] action */
static void block(struct parser *p, struct ifs_block *b)
{
	if (!nest(p, &p->blocks, "if block"))
		return;
	skip_newlines(p);
	if (!is_char(p, '{')) {
		action(p, b);
		p->blocks--;
		return;
	}
	next(p);
	for (;;) {
		skip_newlines(p);
		if (p->failed || is_char(p, '}'))
			break;
		action(p, b);
		if (!p->failed)
			end_of_statement(p);
	}
	if (!p->failed)
		next(p); /* '}' */
	p->blocks--;
}

static void state(struct parser *p)
{
	int line = p->lx.tok_line, idx, prev;
	struct ifs_state *s;
	char *name;

	next(p);
	if (tok(p) != IFS_TOK_STRING)
		return expected(p, "a state name after state");
	name = strings(p);
	if (name == NULL)
		return;
	prev = ifs_conf_state_find(p->c, name);
	if (prev > 0)
		ifs_lex_errorf(&p->lx, line, "state %s already defined at line %d", name,
		               p->c->states[prev].line);
	idx = ifs_state_add(p->c, name, line);
	free(name);
	if (idx < 0)
		return oom(p);
	skip_newlines(p);
	if (!is_char(p, '{'))
		return expected(p, "'{' after the state's name");
	next(p);
	p->state = (uint32_t)idx;
	for (;;) {
		skip_newlines(p);
		if (p->failed || is_char(p, '}'))
			break;
		s = &p->c->states[p->state];
		if (tok(p) == IFS_TOK_INIT) {
			next(p);
			block(p, &s->init);
		} else {
			action(p, &s->body);
		}
		if (!p->failed)
			end_of_statement(p);
	}
	p->state = IFS_GLOBAL_STATE;
	if (!p->failed)
		next(p); /* '}' */
}

static bool macro_name_ok(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return false;
	return true;
}

/* NAME = string+ */
static void macro(struct parser *p)
{
	int line = p->lx.tok_line;
	char *name = strdup(p->lx.text), *value;

	if (name == NULL)
		return oom(p);
	next(p);
	if (!is_char(p, '=')) {
		expected(p, "'=' after a macro's name (or a keyword: state, init-state, run, "
		            "set-state, if)");
		return free(name);
	}
	next(p);
	if (tok(p) != IFS_TOK_STRING) {
		expected(p, "a value after '='");
		return free(name);
	}
	value = strings(p);
	if (value != NULL && !macro_name_ok(name))
		ifs_lex_errorf(&p->lx, line, "invalid macro name '%s': letters, digits and _ only",
		               name);
	else if (value != NULL && ifs_lex_define(&p->lx, name, value) != 0)
		oom(p);
	free(name);
	free(value);
}

static void init_state(struct parser *p)
{
	p->init_state_line = p->lx.tok_line;
	next(p);
	if (tok(p) != IFS_TOK_STRING)
		return expected(p, "a state name after init-state");
	free(p->init_state);
	p->init_state = strdup(p->lx.text);
	if (p->init_state == NULL)
		return oom(p);
	next(p);
}

static void entry(struct parser *p)
{
	switch (tok(p)) {
	case IFS_TOK_INIT_STATE:
		init_state(p);
		break;
	case IFS_TOK_STATE:
		state(p);
		break;
	case IFS_TOK_STRING:
		macro(p);
		break;
	case IFS_TOK_INIT:
		ifs_lex_errorf(&p->lx, p->lx.tok_line, "init block outside a state");
		p->failed = true;
		return;
	default:
		action(p, &p->c->states[IFS_GLOBAL_STATE].body);
		break;
	}
	if (p->failed)
		return;
	if (tok(p) == IFS_TOK_NL)
		next(p);
	else if (tok(p) != IFS_TOK_EOF)
		expected(p, "end of line");
}

/* Once every state is known: set-state targets and the initial state. */
static void resolve(struct parser *p)
{
	uint32_t i;
	int s;

	for (i = 0; i < p->n_pending; i++) {
		s = ifs_conf_state_find(p->c, p->pending[i].name);
		if (s < 0)
			ifs_lex_errorf(&p->lx, p->pending[i].action->line,
			               "set-state %s: no such state", p->pending[i].name);
		else
			p->pending[i].action->u.state = (uint32_t)s;
	}
	p->c->init_state = p->c->n_states > 1 ? 1 : IFS_GLOBAL_STATE;
	if (p->init_state != NULL) {
		s = ifs_conf_state_find(p->c, p->init_state);
		if (s < 0)
			ifs_lex_errorf(&p->lx, p->init_state_line, "init-state %s: no such state",
			               p->init_state);
		else
			p->c->init_state = (uint32_t)s;
	}
}

struct ifs_conf *ifs_parse_text(const char *file, const char *text, size_t len,
                                const struct ifs_parse_opts *opts)
{
	static const struct ifs_parse_opts none;
	struct parser *p = calloc(1, sizeof(*p)); /* the token buffer is large */
	struct ifs_conf *c = NULL;
	uint32_t i;

	if (p == NULL)
		return errno = ENOMEM, NULL;
	p->opts = opts != NULL ? opts : &none;
	ifs_lex_init(&p->lx, file, text, len, p->opts->error, p->opts->arg);
	p->c = ifs_conf_new(file);
	if (p->c == NULL)
		oom(p);
	else
		next(p);
	while (!p->failed && tok(p) != IFS_TOK_EOF) {
		if (tok(p) == IFS_TOK_NL)
			next(p);
		else
			entry(p);
	}
	if (!p->failed)
		resolve(p);
	if (p->lx.errors == 0 && !p->failed) {
		c = p->c;
	} else {
		if (errno != ENOMEM)
			errno = EINVAL;
		ifs_conf_free(p->c);
	}
	for (i = 0; i < p->n_pending; i++)
		free(p->pending[i].name);
	free(p->pending);
	free(p->init_state);
	ifs_lex_free(&p->lx);
	free(p);
	return c;
}

struct ifs_conf *ifs_parse_file(const char *file, const struct ifs_parse_opts *opts)
{
	struct ifs_conf *c;
	struct stat st;
	char *buf, reason[160];
	ssize_t n;
	size_t len = 0;
	int fd, err;

	/* O_NONBLOCK and a regular file only: a FIFO or a device must not
	 * hang --check or the start */
	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0) {
		err = errno;
		snprintf(reason, sizeof(reason), "cannot open: %s", strerror(err));
		goto fail;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		err = EINVAL;
		snprintf(reason, sizeof(reason), "not a regular file");
		goto fail;
	}
	buf = malloc(IFS_FILE_MAX + 1);
	if (buf == NULL) {
		close(fd);
		return errno = ENOMEM, NULL;
	}
	while ((n = read(fd, buf + len, IFS_FILE_MAX + 1 - len)) > 0 &&
	       len + (size_t)n <= IFS_FILE_MAX)
		len += (size_t)n;
	err = n < 0 ? errno : 0;
	close(fd);
	if (n != 0) {
		free(buf);
		if (err != 0)
			snprintf(reason, sizeof(reason), "cannot read: %s", strerror(err));
		else
			snprintf(reason, sizeof(reason), "larger than %d bytes", IFS_FILE_MAX);
		err = err != 0 ? err : EFBIG;
		goto fail;
	}
	c = ifs_parse_text(file, buf, len, opts);
	err = errno;
	free(buf);
	errno = err;
	return c;
fail:
	if (opts != NULL && opts->error != NULL)
		opts->error(opts->arg, file, 0, reason);
	errno = err;
	return NULL;
}
