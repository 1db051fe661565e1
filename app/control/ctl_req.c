/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runtime control through the request ring: telemetry threads submit (one
 * at a time, under a mutex: the rings are single-producer/single-consumer
 * on each side) and wait for the reply with their sequence number; the
 * control lcore serves the ring between its other duties and never blocks.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "carp_status.h"
#include "ctl.h"
#include "rtr.h"
#include "rtr_log.h"

#define REPLY_WAIT_US 1000000 /* a handler waits 1 s at most */

static pthread_mutex_t req_lock = PTHREAD_MUTEX_INITIALIZER;
static uint32_t req_seq; /* guarded by req_lock */

int ctl_request(struct ctl *c, struct ctl_req *req, struct ctl_req_reply *reply)
{
	uint64_t t0;
	int ret = -ETIMEDOUT;

	memset(reply, 0, sizeof(*reply));
	pthread_mutex_lock(&req_lock);
	req->seq = ++req_seq;
	if (!atomic_load_explicit(&c->running, memory_order_acquire) ||
	    rte_ring_sp_enqueue_elem(c->req_ring, req, sizeof(*req)) != 0) {
		snprintf(reply->msg, sizeof(reply->msg), "control lcore not running or busy");
		pthread_mutex_unlock(&req_lock);
		return -EAGAIN;
	}
	t0 = ctl_now_us(c);
	while (ctl_now_us(c) - t0 < REPLY_WAIT_US) {
		struct ctl_req_reply r;

		if (rte_ring_sc_dequeue_elem(c->rep_ring, &r, sizeof(r)) != 0) {
			rte_delay_us_sleep(200);
			continue;
		}
		if (r.seq != req->seq)
			continue; /* the late answer to a request that timed out */
		*reply = r;
		ret = r.err;
		break;
	}
	if (ret == -ETIMEDOUT)
		snprintf(reply->msg, sizeof(reply->msg), "no answer from the control lcore in 1 s");
	pthread_mutex_unlock(&req_lock);
	return ret;
}

static struct ctl_if *if_by_name(struct ctl *c, const char *name)
{
	for (unsigned int i = 0; i < c->n_ifs; i++)
		if (strcmp(c->ifs[i].ifc.cfg.name, name) == 0)
			return &c->ifs[i];
	return NULL;
}

static int apply(struct ctl *c, const struct ctl_req *q, uint64_t now, char *msg, size_t len)
{
	struct ctl_if *ci;
	int ret;

	if (q->op == CTL_REQ_DEMOTE) {
		ret = carp_host_demote(&c->host, now, q->name, q->value, CARP_DEMOTE_OPERATOR,
		                       &c->acts);
		if (ret == -ENOENT)
			snprintf(msg, len, "no carp group \"%s\"", q->name);
		else if (ret < 0)
			snprintf(msg, len, "demote %s %+d: %s", q->name, q->value, strerror(-ret));
		else
			RTR_LOG(carp, NOTICE, "group %s: operator demotion %+d", q->name, q->value);
		return ret;
	}
	ci = if_by_name(c, q->name);
	if (ci == NULL) {
		snprintf(msg, len, "no carp interface \"%s\"", q->name);
		return -ENOENT;
	}
	if (q->op == CTL_REQ_STATE)
		ret = carp_if_admin(&ci->ifc, now,
		                    q->value ? CARP_ADMIN_FORCE_MASTER : CARP_ADMIN_FORCE_BACKUP,
		                    q->vhid, 0, &c->acts);
	else
		ret = carp_if_admin(&ci->ifc, now, CARP_ADMIN_SET_ADVSKEW, q->vhid,
		                    (unsigned int)q->value, &c->acts);
	if (ret == -ENOENT)
		snprintf(msg, len, "carp interface \"%s\" has no vhid %u", q->name, q->vhid);
	else if (ret < 0)
		snprintf(msg, len, "%s vhid %u: %s", q->name, q->vhid, strerror(-ret));
	else if (q->op == CTL_REQ_ADVSKEW)
		RTR_LOG(carp, NOTICE, "[%s vhid %u] advskew set to %d by operator", q->name,
		        q->vhid, q->value);
	else
		RTR_LOG(carp, NOTICE, "[%s vhid %u] operator forces %s", q->name, q->vhid,
		        q->value ? "MASTER" : "BACKUP");
	return ret;
}

void ctl_req_serve(struct ctl *c, uint64_t now)
{
	struct ctl_req q;

	while (rte_ring_sc_dequeue_elem(c->req_ring, &q, sizeof(q)) == 0) {
		struct ctl_req_reply r;

		memset(&r, 0, sizeof(r));
		r.seq = q.seq;
		r.err = apply(c, &q, now, r.msg, sizeof(r.msg));
		ctl_exec(c, now);
		ctl_count(c, CTL_CNT_requests, 1);
		if (rte_ring_sp_enqueue_elem(c->rep_ring, &r, sizeof(r)) != 0)
			ctl_count(c, CTL_CNT_replies_lost, 1);
	}
}
