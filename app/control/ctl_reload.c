/* SPDX-License-Identifier: BSD-2-Clause */
/* The carp section of a reload: check and stage on the main thread, apply on the control lcore
 * (ctl_reload.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_carp_lib.h"
#include "ctl.h"
#include "ctl_reload.h"
#include "rtr_log.h"

static void refuse_yet(struct cfg_errors *errs, const struct cfg *new, struct cfg_loc loc,
                       const char *fmt, const char *name)
{
	char what[CFG_ERROR_LEN];

	snprintf(what, sizeof(what), fmt, name);
	cfg_errorf(errs, loc.file != NULL ? loc.file : new->path, loc.line,
	           "%s cannot change live yet (restart the router)", what);
}

/* Same vhids in the same order: only their advskews may differ. */
static bool same_vhids(const struct cfg_carp_if *a, const struct cfg_carp_if *b)
{
	if (a->n_nodes != b->n_nodes)
		return false;
	for (unsigned int n = 0; n < a->n_nodes; n++)
		if (a->nodes[n].vhid != b->nodes[n].vhid)
			return false;
	return true;
}

/* The first key of a running carp interface that changed and cannot change
 * live yet, or NULL: only advbase, advskew, pass, carppeer and hook may differ. */
static const char *fixed_key(const struct cfg_carp_if *o, const struct cfg_carp_if *n)
{
	struct cfg_carp_if b = *o;

	if (!same_vhids(o, n))
		return n->carpnodes ? "carpnodes (vhids)" : "vhid";
	if (o->balancing_set != n->balancing_set || o->balancing != n->balancing)
		return "balancing";
	/* arp balancing hashes with the key in the fast path's copy */
	if ((o->pass_len != n->pass_len || memcmp(o->pass, n->pass, o->pass_len) != 0) &&
	    n->n_nodes > 1 && n->balancing_set && n->balancing == CFG_CARP_BAL_ARP)
		return "pass (of an arp-balancing interface)";
	if (o->state != n->state)
		return "state";
	/* b: the running interface with what may change taken from the new one */
	b.advbase = n->advbase;
	b.pass_len = n->pass_len;
	memcpy(b.pass, n->pass, sizeof(b.pass));
	memcpy(b.nodes, n->nodes, sizeof(b.nodes));
	b.carppeer_set = n->carppeer_set;
	b.carppeer = n->carppeer;
	memcpy(b.hook, n->hook, sizeof(b.hook));
	return cfg_carp_if_equal(&b, n) ? NULL : "addresses, groups or lladdr";
}

int ctl_reload_check(const struct cfg *old, const struct cfg *new, const struct cfg_diff *d,
                     struct cfg_errors *errs)
{
	unsigned int before = errs->n;
	const char *key;

	if (old->carp.hook_timeout_ms != new->carp.hook_timeout_ms)
		refuse_yet(errs, new, new->carp.hook_timeout_loc, "carp: hook_timeout_ms%s", "");
	for (unsigned int j = 0; j < new->carp.n_ifs; j++) {
		const struct cfg_carp_if *n = &new->carp.ifs[j];

		if (d->carp_old[j] == CFG_DIFF_NONE)
			refuse_yet(errs, new, n->loc, "carp interface \"%s\" (added)", n->name);
		else if (d->carp_changed[j] &&
		         (key = fixed_key(&old->carp.ifs[d->carp_old[j]], n)) != NULL) {
			char what[CFG_NAME_LEN + 64];

			snprintf(what, sizeof(what), "carp interface \"%s\": %s", n->name, key);
			refuse_yet(errs, new, n->loc, "%s", what);
		}
	}
	for (unsigned int k = 0; k < old->carp.n_ifs; k++)
		if (d->carp_removed[k])
			refuse_yet(errs, new, new->carp.interfaces_loc,
			           "carp interface \"%s\" (removed)", old->carp.ifs[k].name);
	return errs->n == before ? 0 : -EINVAL;
}

/* The new file's index of control interface ci, or -1. */
static int new_index(const struct ctl_if *ci, const struct cfg *new, const struct cfg_diff *d)
{
	for (unsigned int j = 0; j < new->carp.n_ifs; j++)
		if (d->carp_old[j] == ci->cfg_if)
			return (int)j;
	return -1;
}

static void stage_if(struct ctl *c, unsigned int k, const struct cfg *new, int j)
{
	struct ctl_reload_if *p = &c->plan.ifs[k];
	const struct cfg_carp_if *n = &new->carp.ifs[j];
	const struct ctl_port *port = &c->ports[c->ifs[k].port];
	struct carp_if_config ic;

	memset(p, 0, sizeof(*p));
	p->cfg_if = j;
	if (cfg_carp_to_if_config(new, (unsigned int)j, port->port_id, port->mac, &ic) < 0)
		return;
	p->changed = true;
	p->advbase = ic.advbase;
	p->n_nodes = ic.n_nodes;
	memcpy(p->nodes, ic.nodes, sizeof(p->nodes));
	p->key = ic.key;
	p->peer4_set = ic.peer4_set;
	memcpy(p->peer4, ic.peer4, 4);
	memcpy(p->src4, ic.src4, 4);
	snprintf(p->hook, sizeof(p->hook), "%s", n->hook[0] ? n->hook : new->carp.hook);
}

int ctl_reload_apply(struct ctl *c, const struct cfg *new, const struct cfg_diff *d,
                     struct cfg_errors *errs)
{
	struct ctl_req req = {.op = CTL_REQ_RELOAD};
	struct ctl_req_reply rep;
	bool any = d->carp_globals || d->addrs;
	int ret;

	if (c == NULL)
		return 0;
	memset(&c->plan, 0, sizeof(c->plan));
	c->plan.preempt = new->carp.preempt;
	c->plan.allow = new->carp.allow;
	c->plan.log = new->carp.log;
	for (unsigned int k = 0; k < c->n_ifs; k++) {
		int j = new_index(&c->ifs[k], new, d);

		/* new carpdev addresses may change an advert's source address */
		if (j >= 0 && (d->carp_changed[j] || d->carp_globals || d->addrs)) {
			stage_if(c, k, new, j);
			any = true;
		}
	}
	if (!any)
		return 0;
	ret = ctl_request(c, &req, &rep);
	if (ret < 0)
		cfg_errorf(errs, new->path, 0,
		           "carp: the control lcore did not apply the reload: %s", rep.msg);
	return ret;
}

void ctl_reload_commit(struct ctl *c, const struct cfg_diff *d)
{
	if (c == NULL)
		return;
	for (unsigned int k = 0; k < c->n_ifs; k++)
		for (unsigned int j = 0; j < CFG_CARP_IFS_MAX; j++)
			if (d->carp_old[j] == c->ifs[k].cfg_if) {
				c->ifs[k].cfg_if = (int)j;
				break;
			}
}

/* A changed interface runs the new file's advbase and advskews (an
 * operator's /carp/advskew on it is replaced), pass, carppeer and hook; what
 * already has the file's value is not touched, so its timers keep running. */
static int apply_if(struct ctl *c, struct ctl_if *ci, const struct ctl_reload_if *p, uint64_t now)
{
	struct carp_if *ifc = &ci->ifc;
	int ret = 0;

	if (ifc->cfg.advbase != p->advbase) {
		RTR_LOG(carp, NOTICE, "[%s] advbase %u -> %u (reload)", ifc->cfg.name,
		        ifc->cfg.advbase, p->advbase);
		ret = carp_if_admin(ifc, now, CARP_ADMIN_SET_ADVBASE, 0, p->advbase, &c->acts);
		ctl_exec(c, now);
	}
	for (unsigned int n = 0; ret == 0 && n < p->n_nodes; n++) {
		const struct carp_vhost *v = carp_if_vhost(ifc, p->nodes[n].vhid);

		if (v == NULL || v->advskew == p->nodes[n].advskew)
			continue;
		RTR_LOG(carp, NOTICE, "[%s vhid %u] advskew %u -> %u (reload)", ifc->cfg.name,
		        v->vhid, v->advskew, p->nodes[n].advskew);
		ret = carp_if_admin(ifc, now, CARP_ADMIN_SET_ADVSKEW, p->nodes[n].vhid,
		                    p->nodes[n].advskew, &c->acts);
		ctl_exec(c, now);
	}
	if (ret == 0 && memcmp(&ifc->cfg.key, &p->key, sizeof(p->key)) != 0) {
		RTR_LOG(carp, NOTICE, "[%s] pass changed (reload)", ifc->cfg.name);
		ret = carp_if_set_key(ifc, &p->key);
	}
	if (ifc->cfg.peer4_set != p->peer4_set || memcmp(ifc->cfg.peer4, p->peer4, 4) != 0 ||
	    memcmp(ifc->cfg.src4, p->src4, 4) != 0) {
		RTR_LOG(carp, NOTICE, "[%s] carppeer %s (reload)", ifc->cfg.name,
		        p->peer4_set ? "set" : "removed: multicast adverts");
		ifc->cfg.peer4_set = p->peer4_set;
		memcpy(ifc->cfg.peer4, p->peer4, 4);
		memcpy(ifc->cfg.src4, p->src4, 4);
		c->peer_arp_at[ci - c->ifs] = 0;
	}
	memcpy(ci->hook, p->hook, sizeof(ci->hook)); /* both CFG_HOOK_LEN, NUL-terminated */
	return ret;
}

int ctl_reload_exec(struct ctl *c, uint64_t now, char *msg, unsigned int len)
{
	int ret = 0;

	if (c->host.preempt != c->plan.preempt)
		RTR_LOG(carp, NOTICE, "preempt %s (reload)", c->plan.preempt ? "on" : "off");
	carp_host_set_preempt(&c->host, c->plan.preempt);
	carp_host_set_allow(&c->host, c->plan.allow);
	c->log = c->plan.log;
	for (unsigned int k = 0; ret == 0 && k < c->n_ifs; k++)
		if (c->plan.ifs[k].changed)
			ret = apply_if(c, &c->ifs[k], &c->plan.ifs[k], now);
	if (ret < 0)
		snprintf(msg, len, "%s", strerror(-ret));
	return ret;
}
