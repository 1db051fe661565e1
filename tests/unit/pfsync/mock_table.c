/* SPDX-License-Identifier: BSD-2-Clause */
/* Mock state table and output capture for the engine tests. */
#include "mock_table.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "pfsync_test.h"

struct pfsync_state_msg *mock_find(struct mock_table *t, uint64_t id, uint32_t creatorid)
{
	unsigned i;

	for (i = 0; i < t->n; i++)
		if (t->st[i].id == id && t->st[i].creatorid == creatorid)
			return &t->st[i];
	return NULL;
}

static bool m_lookup(void *arg, uint64_t id, uint32_t creatorid, struct pfsync_state_msg *out)
{
	struct mock_table *t = arg;
	struct pfsync_state_msg *s = mock_find(t, id, creatorid);

	t->lookups++;
	if (s == NULL)
		return false;
	*out = *s;
	return true;
}

static int m_import(void *arg, const struct pfsync_state_msg *st)
{
	struct mock_table *t = arg;

	t->imports++;
	if (t->import_rc != 0)
		return t->import_rc;
	if (mock_find(t, st->id, st->creatorid) != NULL)
		return -EEXIST;
	if (t->n >= MOCK_MAX)
		return -ENOMEM;
	t->st[t->n++] = *st;
	return 0;
}

static void m_merge(void *arg, uint64_t id, uint32_t creatorid, const struct pfsync_merge *m)
{
	struct mock_table *t = arg;
	struct pfsync_state_msg *s = mock_find(t, id, creatorid);

	t->merges++;
	t->last_merge = *m;
	if (s != NULL)
		pfsync_merge_apply(m, s);
}

static bool m_remove(void *arg, uint64_t id, uint32_t creatorid)
{
	struct mock_table *t = arg;
	struct pfsync_state_msg *s = mock_find(t, id, creatorid);

	t->removes++;
	if (s == NULL)
		return false;
	*s = t->st[--t->n];
	return true;
}

static unsigned m_clear(void *arg, uint32_t creatorid, const char *ifname)
{
	struct mock_table *t = arg;
	unsigned i = 0, n = 0;

	t->clears++;
	t->last_clear_creator = creatorid;
	strncpy(t->last_clear_ifname, ifname, 16);
	while (i < t->n) {
		if (t->st[i].creatorid == creatorid &&
		    (ifname[0] == '\0' || strcmp(ifname, t->st[i].ifname) == 0)) {
			t->st[i] = t->st[--t->n];
			n++;
		} else {
			i++;
		}
	}
	return n;
}

static uint32_t m_bulk_begin(void *arg)
{
	struct mock_table *t = arg;

	t->walk = 0;
	return t->n;
}

static bool m_bulk_next(void *arg, struct pfsync_state_msg *out)
{
	struct mock_table *t = arg;

	if (t->walk >= t->n)
		return false;
	*out = t->st[t->walk++];
	return true;
}

const struct pfsync_table_ops mock_ops = {
    .lookup = m_lookup,
    .import = m_import,
    .merge = m_merge,
    .remove = m_remove,
    .clear = m_clear,
    .bulk_begin = m_bulk_begin,
    .bulk_next = m_bulk_next,
};

void mock_init(struct mock_table *t)
{
	memset(t, 0, sizeof(*t));
}

struct pfsync_state_msg *mock_add(struct mock_table *t, uint64_t id, uint32_t creatorid)
{
	struct pfsync_state_msg *s = &t->st[t->n++];

	t_state_expect(s);
	s->id = id;
	s->creatorid = creatorid;
	s->state_flags = 0;
	s->src.state = s->dst.state = PFSYNC_TCPS_ESTABLISHED;
	return s;
}

void cap_init(struct cap *c)
{
	pfsync_outs_init(&c->l, c->buf, sizeof(c->buf) / sizeof(c->buf[0]));
}

void cap_clear(struct cap *c)
{
	pfsync_outs_clear(&c->l);
}

unsigned cap_count(const struct cap *c, enum pfsync_out_type t)
{
	unsigned i, n = 0;

	for (i = 0; i < c->l.n; i++)
		n += c->l.a[i].type == t;
	return n;
}

const struct pfsync_out *cap_get(const struct cap *c, enum pfsync_out_type t, unsigned k)
{
	unsigned i;

	for (i = 0; i < c->l.n; i++)
		if (c->l.a[i].type == t && k-- == 0)
			return &c->l.a[i];
	return NULL;
}

uint64_t cap_deadline(const struct cap *c)
{
	CU_ASSERT_FATAL(c->l.n > 0);
	CU_ASSERT_EQUAL(c->l.a[c->l.n - 1].type, PFSYNC_OUT_DEADLINE);
	return c->l.a[c->l.n - 1].u.deadline.at;
}

int cap_demote(const struct cap *c)
{
	unsigned i;
	int d = 0;

	for (i = 0; i < c->l.n; i++)
		if (c->l.a[i].type == PFSYNC_OUT_DEMOTE)
			d += c->l.a[i].u.demote.delta;
	return d;
}

void sent_decode(const struct cap *c, unsigned k, struct sent *s)
{
	const struct pfsync_out *o = cap_get(c, PFSYNC_OUT_SEND, k);
	struct pfsync_ip4 ip;
	struct pfsync_iter it;
	int rc;

	memset(s, 0, sizeof(*s));
	CU_ASSERT_PTR_NOT_NULL_FATAL(o);
	s->len = o->u.send.len;
	CU_ASSERT_EQUAL_FATAL(pfsync_ip4_parse(o->u.send.data, o->u.send.len, &ip), PFSYNC_RX_OK);
	CU_ASSERT_EQUAL_FATAL(pfsync_frame_open(&it, ip.payload, ip.payload_len), PFSYNC_RX_OK);
	s->hdr = it.hdr;
	while (s->n < 400 && (rc = pfsync_frame_next(&it, &s->msg[s->n])) == 1) {
		s->action[s->n] = s->msg[s->n].action;
		s->per_action[s->msg[s->n].action]++;
		s->n++;
	}
	CU_ASSERT_EQUAL(it.off, it.len); /* every byte accounted for */
}
