/* SPDX-License-Identifier: BSD-2-Clause */
#include "sim.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "carp_test.h"

static uint64_t sim_rand(void *arg)
{
	uint64_t *x = arg; /* xorshift64*: deterministic per host */

	*x ^= *x >> 12;
	*x ^= *x << 25;
	*x ^= *x >> 27;
	return *x * 0x2545f4914f6cdd1dULL;
}

static struct sim *all_sims[8];

void sim_free(struct sim *s)
{
	unsigned i, j;

	for (i = 0; i < s->n; i++) {
		for (j = 0; j < s->host[i].n_ifs; j++)
			carp_if_fini(&s->host[i].ifs[j]);
		s->host[i].n_ifs = 0;
	}
	s->n = 0;
}

void sim_free_all(void)
{
	unsigned i;

	for (i = 0; i < 8 && all_sims[i]; i++)
		sim_free(all_sims[i]);
}

void sim_init(struct sim *s, unsigned nhosts, bool preempt, bool boot_demote)
{
	unsigned i;

	for (i = 0; i < 8 && all_sims[i] != s; i++) {
		if (all_sims[i] == NULL) {
			all_sims[i] = s;
			break;
		}
	}
	sim_free(s);
	memset(s, 0, sizeof(*s));
	s->n = nhosts;
	for (i = 0; i < nhosts; i++) {
		struct carp_host_config hc = {
		    .random = sim_rand,
		    .random_arg = &s->host[i].rng,
		    .preempt = preempt,
		    .boot_demote = boot_demote,
		};

		s->host[i].rng = 0x9e3779b97f4a7c15ULL * (i + 1);
		CU_ASSERT_EQUAL_FATAL(carp_host_init(&s->host[i].h, &hc), 0);
	}
}

void sim_cfg(struct carp_if_config *c, int host, uint16_t carpdev, uint8_t vhid, uint8_t advskew)
{
	memset(c, 0, sizeof(*c));
	snprintf(c->name, sizeof(c->name), "carp%u", carpdev);
	c->carpdev = carpdev;
	c->parent_mac[0] = 0x02;
	c->parent_mac[5] = (uint8_t)(host + 1);
	c->advbase = 1;
	c->n_nodes = 1;
	c->nodes[0].vhid = vhid;
	c->nodes[0].advskew = advskew;
	carp_key_from_passphrase(&c->key, "simpass");
	c->addrs.n4 = 1;
	t_ip4("192.0.2.0", c->addrs.v4[0]);
	c->addrs.v4[0][3] = (uint8_t)(100 + vhid);
	t_ip4("192.0.2.0", c->src4);
	c->src4[3] = (uint8_t)(host + 1);
	t_ip6("fe80::", c->src6);
	c->src6[15] = (uint8_t)(host + 1);
}

struct carp_actions *sim_actions(struct sim *s)
{
	static struct carp_actions l;

	carp_actions_init(&l, s->buf, SIM_ACTS);
	return &l;
}

struct carp_if *sim_add_if(struct sim *s, int host, const struct carp_if_config *c)
{
	struct sim_host *sh = &s->host[host];
	struct carp_if *ifc = &sh->ifs[sh->n_ifs];
	struct carp_actions *a = sim_actions(s);
	char err[128];

	CU_ASSERT_EQUAL_FATAL(carp_if_init(ifc, c, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL_FATAL(carp_host_attach(&sh->h, ifc, s->now, a), 0);
	sh->n_ifs++;
	sim_process(s, host, a);
	return ifc;
}

static void enqueue(struct sim *s, int to, uint16_t dev, const uint8_t *f, unsigned len)
{
	struct sim_frame *q;

	CU_ASSERT_FATAL(s->nq < SIM_QUEUE);
	q = &s->q[s->nq++];
	q->at = s->now + s->latency;
	q->to = to;
	q->carpdev = dev;
	q->len = (uint16_t)len;
	memcpy(q->frame, f, len);
}

void sim_process(struct sim *s, int host, struct carp_actions *a)
{
	struct sim_host *sh = &s->host[host];
	struct carp_action acts[SIM_ACTS];
	unsigned i, n = a->n, j;

	CU_ASSERT_EQUAL(a->dropped, 0);
	/* copy: reporting send results reuses the shared buffer */
	memcpy(acts, a->a, n * sizeof(acts[0]));
	for (i = 0; i < n; i++) {
		struct carp_action *x = &acts[i];

		if (x->type != CARP_ACT_DEADLINE && s->nlog < SIM_LOG) {
			s->log[s->nlog].at = s->now;
			s->log[s->nlog].host = host;
			s->log[s->nlog].a = *x;
			s->nlog++;
		}
		if (x->type != CARP_ACT_SEND_ADV)
			continue;
		if (sh->send_err) {
			struct carp_actions *r = sim_actions(s);

			carp_host_send_result(&sh->h, s->now, x->ifc, sh->send_err, r);
			sim_process(s, host, r);
			continue;
		}
		if (x->u.adv.need_dst_mac)
			memset(x->u.adv.frame, 0x02, 6);
		for (j = 0; j < s->n; j++) {
			if ((j == (unsigned)host && !s->echo) || s->cut[host][j])
				continue;
			enqueue(s, (int)j, x->carpdev, x->u.adv.frame, x->u.adv.frame_len);
		}
	}
}

int sim_inject(struct sim *s, int host, uint16_t carpdev, const uint8_t *f, unsigned len)
{
	struct carp_actions *a = sim_actions(s);
	int r = carp_host_input_frame(&s->host[host].h, s->now, carpdev, f, len, a);

	sim_process(s, host, a);
	return r;
}

void sim_cut(struct sim *s, int a, int b, bool cut)
{
	s->cut[a][b] = s->cut[b][a] = cut;
}

void sim_run_until(struct sim *s, uint64_t t)
{
	for (;;) {
		uint64_t next = CARP_NEVER, d;
		int who = -1, qi = -1;
		unsigned i;

		for (i = 0; i < s->nq; i++) {
			if (s->q[i].at < next) {
				next = s->q[i].at;
				qi = (int)i;
			}
		}
		for (i = 0; i < s->n; i++) {
			if (s->host[i].dead)
				continue;
			d = carp_host_next_deadline(&s->host[i].h);
			if (d < next) { /* frames first on ties */
				next = d;
				who = (int)i;
				qi = -1;
			}
		}
		if (next == CARP_NEVER || next > t)
			break;
		s->now = next;
		if (qi >= 0) {
			struct sim_frame f = s->q[qi];

			memmove(&s->q[qi], &s->q[qi + 1],
			        (s->nq - (unsigned)qi - 1) * sizeof(s->q[0]));
			s->nq--;
			if (!s->host[f.to].dead)
				sim_inject(s, f.to, f.carpdev, f.frame, f.len);
		} else {
			struct carp_actions *a = sim_actions(s);

			carp_host_timeout(&s->host[who].h, s->now, a);
			sim_process(s, who, a);
		}
	}
	if (s->now < t)
		s->now = t;
}

enum carp_state sim_state(struct sim *s, int host, unsigned ifi, uint8_t vhid)
{
	const struct carp_vhost *v = carp_if_vhost(&s->host[host].ifs[ifi], vhid);

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	return (enum carp_state)v->state;
}

uint64_t sim_when(struct sim *s, int host, uint8_t vhid, enum carp_state st, uint64_t t)
{
	unsigned i;

	for (i = 0; i < s->nlog; i++) {
		const struct sim_log *l = &s->log[i];

		if (l->host == host && l->at >= t && l->a.vhid == vhid &&
		    l->a.type == CARP_ACT_STATE && l->a.u.state.new_state == st)
			return l->at;
	}
	return CARP_NEVER;
}

unsigned sim_count(struct sim *s, int host, uint8_t vhid, enum carp_action_type type, uint64_t t0,
                   uint64_t t1)
{
	unsigned i, n = 0;

	for (i = 0; i < s->nlog; i++) {
		const struct sim_log *l = &s->log[i];

		if ((host < 0 || l->host == host) && l->a.type == type &&
		    (vhid == 0 || l->a.vhid == vhid) && l->at >= t0 && l->at <= t1)
			n++;
	}
	return n;
}

const struct sim_log *sim_find(struct sim *s, int host, uint8_t vhid, enum carp_action_type type,
                               unsigned n)
{
	unsigned i;

	for (i = 0; i < s->nlog; i++) {
		const struct sim_log *l = &s->log[i];

		if (l->host == host && l->a.type == type && (vhid == 0 || l->a.vhid == vhid) &&
		    n-- == 0)
			return l;
	}
	return NULL;
}
