/* SPDX-License-Identifier: BSD-2-Clause */
/* Building and freeing an ifs_conf (ifs_build.h), and looking names up in it. */
#include <stdlib.h>
#include <string.h>

#include "ifs_build.h"

const char *ifs_link_name(enum ifs_link l)
{
	static const char *const names[] = {
#define X(e, n) n,
	    IFS_LINKS(X)
#undef X
	};

	return (unsigned)l < IFS_LINK__COUNT ? names[l] : "?";
}

void ifs_block_init(struct ifs_block *b)
{
	b->first = b->last = NULL;
}

void ifs_block_append(struct ifs_block *b, struct ifs_action *a)
{
	if (b->last == NULL)
		b->first = a;
	else
		b->last->next = a;
	b->last = a;
}

/* Grow *V (of *N elements of SIZE bytes) by one zeroed element; returns it. */
static void *grow(void *v, uint32_t *n, size_t size, void **out)
{
	char *nv = realloc(v, (*n + 1) * size);

	if (nv == NULL)
		return NULL;
	memset(nv + *n * size, 0, size);
	*out = nv;
	return nv + (*n)++ * size;
}

struct ifs_conf *ifs_conf_new(const char *file)
{
	struct ifs_conf *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->file = strdup(file);
	if (c->file == NULL || ifs_state_add(c, "", 0) != 0) {
		ifs_conf_free(c);
		return NULL;
	}
	return c;
}

int ifs_state_add(struct ifs_conf *c, const char *name, int line)
{
	void *v;
	struct ifs_state *s = grow(c->states, &c->n_states, sizeof(*s), &v);

	if (s == NULL)
		return -1;
	c->states = v;
	s->line = line;
	ifs_block_init(&s->init);
	ifs_block_init(&s->body);
	s->name = strdup(name);
	if (s->name == NULL) {
		c->n_states--;
		return -1;
	}
	return (int)(c->n_states - 1);
}

/* Add IDX to the set *V of *N indices. 0 or -1. */
static int index_set_add(uint32_t **v, uint32_t *n, uint32_t idx)
{
	uint32_t i, *slot;
	void *nv;

	for (i = 0; i < *n; i++)
		if ((*v)[i] == idx)
			return 0;
	slot = grow(*v, n, sizeof(**v), &nv);
	if (slot == NULL)
		return -1;
	*v = nv;
	*slot = idx;
	return 0;
}

int ifs_iface_use(struct ifs_conf *c, uint32_t state, const char *name, int line)
{
	struct ifs_state *s = &c->states[state];
	int i = ifs_conf_iface_find(c, name);

	if (i < 0) {
		void *v;
		struct ifs_iface *f = grow(c->ifaces, &c->n_ifaces, sizeof(*f), &v);

		if (f == NULL)
			return -1;
		c->ifaces = v;
		f->line = line;
		f->name = strdup(name);
		if (f->name == NULL) {
			c->n_ifaces--;
			return -1;
		}
		i = (int)(c->n_ifaces - 1);
	}
	return index_set_add(&s->ifaces, &s->n_ifaces, (uint32_t)i) == 0 ? i : -1;
}

int ifs_test_use(struct ifs_conf *c, uint32_t state, const char *cmd, uint32_t every_s, int line)
{
	struct ifs_state *s = &c->states[state];
	struct ifs_test *t;
	uint32_t i;
	void *v;

	for (i = 0; i < s->n_tests; i++) {
		t = &c->tests[s->tests[i]];
		if (t->every_s == every_s && strcmp(t->cmd, cmd) == 0)
			return (int)s->tests[i];
	}
	t = grow(c->tests, &c->n_tests, sizeof(*t), &v);
	if (t == NULL)
		return -1;
	c->tests = v;
	t->every_s = every_s;
	t->state = state;
	t->line = line;
	t->cmd = strdup(cmd);
	if (t->cmd == NULL || index_set_add(&s->tests, &s->n_tests, c->n_tests - 1) != 0) {
		free(t->cmd);
		c->n_tests--;
		return -1;
	}
	return (int)(c->n_tests - 1);
}

struct ifs_action *ifs_action_new(enum ifs_action_type type, int line)
{
	struct ifs_action *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->type = type;
	a->line = line;
	if (type == IFS_ACTION_IF)
		ifs_block_init(&a->u.cond.then);
	return a;
}

struct ifs_expr *ifs_expr_new(enum ifs_expr_type type)
{
	struct ifs_expr *e = calloc(1, sizeof(*e));

	if (e != NULL)
		e->type = type;
	return e;
}

void ifs_expr_free(struct ifs_expr *e)
{
	if (e == NULL)
		return;
	if (e->type == IFS_EXPR_NOT || e->type == IFS_EXPR_AND || e->type == IFS_EXPR_OR) {
		ifs_expr_free(e->u.arg[0]);
		ifs_expr_free(e->u.arg[1]);
	}
	free(e);
}

static void block_free(struct ifs_block *b)
{
	struct ifs_action *a, *next;

	for (a = b->first; a != NULL; a = next) {
		next = a->next;
		if (a->type == IFS_ACTION_RUN) {
			free(a->u.cmd);
		} else if (a->type == IFS_ACTION_IF) {
			ifs_expr_free(a->u.cond.cond);
			block_free(&a->u.cond.then);
		}
		free(a);
	}
	ifs_block_init(b);
}

void ifs_conf_free(struct ifs_conf *c)
{
	uint32_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n_states; i++) {
		free(c->states[i].name);
		block_free(&c->states[i].init);
		block_free(&c->states[i].body);
		free(c->states[i].ifaces);
		free(c->states[i].tests);
	}
	for (i = 0; i < c->n_ifaces; i++)
		free(c->ifaces[i].name);
	for (i = 0; i < c->n_tests; i++)
		free(c->tests[i].cmd);
	free(c->states);
	free(c->ifaces);
	free(c->tests);
	free(c->file);
	free(c);
}

int ifs_conf_iface_find(const struct ifs_conf *c, const char *name)
{
	uint32_t i;

	for (i = 0; i < c->n_ifaces; i++)
		if (strcmp(c->ifaces[i].name, name) == 0)
			return (int)i;
	return -1;
}

int ifs_conf_state_find(const struct ifs_conf *c, const char *name)
{
	uint32_t i;

	for (i = 1; i < c->n_states; i++)
		if (strcmp(c->states[i].name, name) == 0)
			return (int)i;
	return -1;
}
