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

/* ifconfig -g GROUP carpdemote N. Refused, not clamped, when it would take
 * the group's counter outside 0..255 (OpenBSD's if_setgroupattribs); the
 * reply says why and that nothing changed. */
static int apply_demote(struct ctl *c, const struct ctl_req *q, uint64_t now,
                        struct ctl_req_reply *r)
{
	int g = carp_groups_find(&c->host.groups, q->name);
	int ret = carp_host_demote(&c->host, now, q->name, q->value, CARP_DEMOTE_OPERATOR,
	                           &c->acts);
	const struct carp_group *grp = g >= 0 ? &c->host.groups.g[g] : NULL;

	if (ret == -ENOENT) {
		snprintf(r->msg, sizeof(r->msg), "no carp group \"%s\"", q->name);
	} else if (ret == -ERANGE && q->value > 0) {
		snprintf(r->msg, sizeof(r->msg),
		         "demote %s %+d refused: the demotion would be %u, above 255 (nothing "
		         "changed)",
		         q->name, q->value, (unsigned int)(carp_group_sum(grp) + q->value));
	} else if (ret == -ERANGE) {
		snprintf(r->msg, sizeof(r->msg),
		         "demote %s %+d refused: the operator's demotion is %u, not below 0 "
		         "(nothing changed)",
		         q->name, q->value, grp->ledger[CARP_DEMOTE_OPERATOR]);
	} else if (ret < 0) {
		snprintf(r->msg, sizeof(r->msg), "demote %s %+d: %s", q->name, q->value,
		         strerror(-ret));
	} else {
		r->value = carp_group_count(grp);
		RTR_LOG(carp, NOTICE, "group %s: operator demotion %+d, demote now %d", q->name,
		        q->value, r->value);
	}
	return ret;
}

static int apply(struct ctl *c, const struct ctl_req *q, uint64_t now, struct ctl_req_reply *r)
{
	char *msg = r->msg;
	size_t len = sizeof(r->msg);
	struct ctl_if *ci;
	int ret;

	if (q->op == CTL_REQ_DEMOTE)
		return apply_demote(c, q, now, r);
	if (q->op == CTL_REQ_RELOAD)
		return ctl_reload_exec(c, now, msg, (unsigned int)len);
	ci = ctl_if_find(c, q->name);
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
		r.err = apply(c, &q, now, &r);
		ctl_exec(c, now);
		ctl_count(c, CTL_CNT_requests, 1);
		if (rte_ring_sp_enqueue_elem(c->rep_ring, &r, sizeof(r)) != 0)
			ctl_count(c, CTL_CNT_replies_lost, 1);
	}
}
