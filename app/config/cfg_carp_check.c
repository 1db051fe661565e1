/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cross-object checks of the carp section and control_lcore (pure; run by
 * cfg_validate once every section parsed): carpdev is a port, vhids unique
 * per carpdev, virtual addresses inside a connected subnet of the carpdev,
 * carppeer reachable there, names unique. Plus the control lcore choice
 * once EAL is known (cfg_control_lcore_pick).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cfg.h"
#include "cfg_inet.h"

struct cctx {
	const struct cfg *cfg;
	struct cfg_errors *errs;
	int ret;
};

static void fail(struct cctx *c, struct cfg_loc loc, const struct cfg_carp_if *ci, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));

/* "FILE:LINE: carp interface \"NAME\": reason" (no prefix when ci is NULL). */
static void fail(struct cctx *c, struct cfg_loc loc, const struct cfg_carp_if *ci, const char *fmt,
                 ...)
{
	char reason[CFG_ERROR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	if (ci != NULL)
		cfg_errorf(c->errs, loc.file != NULL ? loc.file : c->cfg->path, loc.line,
		           "carp interface \"%s\": %s", ci->name, reason);
	else
		cfg_errorf(c->errs, loc.file != NULL ? loc.file : c->cfg->path, loc.line, "%s",
		           reason);
	c->ret = -EINVAL;
}

/* The carp interface before (ci, ai) listing addr as a virtual address, or NULL. */
static const struct cfg_carp_if *earlier_vip(const struct cfg *cfg, const struct cfg_carp_if *ci,
                                             unsigned int ai, uint32_t addr)
{
	for (const struct cfg_carp_if *o = cfg->carp.ifs; o <= ci; o++) {
		unsigned int end = o == ci ? ai : o->n_addrs;

		for (unsigned int k = 0; k < end; k++)
			if (o->addrs[k].addr == addr)
				return o;
	}
	return NULL;
}

static bool any_vip(const struct cfg *cfg, uint32_t addr)
{
	for (unsigned int i = 0; i < cfg->carp.n_ifs; i++)
		for (unsigned int k = 0; k < cfg->carp.ifs[i].n_addrs; k++)
			if (cfg->carp.ifs[i].addrs[k].addr == addr)
				return true;
	return false;
}

static void check_names(struct cctx *c, const struct cfg_carp_if *ci)
{
	const struct cfg *cfg = c->cfg;

	for (const struct cfg_carp_if *o = cfg->carp.ifs; o < ci; o++)
		if (strcmp(o->name, ci->name) == 0)
			fail(c, ci->loc, ci, "defined twice (first at line %d)", o->loc.line);
	if (cfg_port_find(cfg, ci->name) >= 0)
		fail(c, ci->loc, ci, "name already used by port \"%s\"", ci->name);
}

/* Each vhid once per carpdev: within carpnodes and across carp interfaces. */
static void check_vhids(struct cctx *c, const struct cfg_carp_if *ci)
{
	for (unsigned int n = 0; n < ci->n_nodes; n++) {
		uint8_t vhid = ci->nodes[n].vhid;
		bool dup = false;

		for (const struct cfg_carp_if *o = c->cfg->carp.ifs; o <= ci && !dup; o++) {
			unsigned int end = o == ci ? n : o->n_nodes;

			if (strcmp(o->carpdev, ci->carpdev) != 0)
				continue;
			for (unsigned int k = 0; k < end && !dup; k++)
				dup = o->nodes[k].vhid == vhid;
		}
		if (dup)
			fail(c, ci->nodes_loc, ci, "vhid %u used twice on carpdev \"%s\"", vhid,
			     ci->carpdev);
	}
}

static void check_vip(struct cctx *c, const struct cfg_carp_if *ci, const struct cfg_port *dev,
                      unsigned int ai)
{
	const struct cfg_ifaddr *a = &ci->addrs[ai];
	const struct cfg_ifaddr *sub;
	const struct cfg_carp_if *other;
	int owner;
	char s[CFG_PFX_STRLEN], net[CFG_PFX_STRLEN], ip[CFG_IP_STRLEN];
	const char *edge;

	cfg_prefix_str(a->addr, a->len, s);
	if (!cfg_is_unicast(a->addr)) {
		fail(c, a->loc, ci, "address %s is not a unicast address", s);
		return;
	}
	owner = cfg_addr_port(c->cfg, a->addr);
	if (owner >= 0) {
		fail(c, a->loc, ci, "address %s is an address of port \"%s\"", s,
		     c->cfg->ports[owner].name);
		return;
	}
	other = earlier_vip(c->cfg, ci, ai, a->addr);
	if (other == ci)
		fail(c, a->loc, ci, "address %s listed twice", s);
	else if (other != NULL)
		fail(c, a->loc, ci, "address %s already used by carp interface \"%s\"", s,
		     other->name);
	sub = cfg_port_subnet(dev, a->addr);
	if (sub == NULL) {
		fail(c, a->loc, ci, "address %s is not inside a connected subnet of \"%s\"", s,
		     dev->name);
		return;
	}
	cfg_prefix_str(sub->addr & inet4_mask(sub->len), sub->len, net);
	edge = cfg_subnet_edge(sub->addr, sub->len, a->addr);
	if (edge != NULL)
		fail(c, a->loc, ci, "address %s is the %s address of %s", s, edge, net);
	/* The connected route comes from the carpdev's address: another length
	 * would promise a route (or a host route) that nobody installs. */
	else if (a->len != sub->len)
		fail(c, a->loc, ci,
		     "address %s: prefix length %u is not the /%u of its connected subnet %s (a "
		     "virtual address creates no route of its own; write %s/%u)",
		     s, a->len, sub->len, net, cfg_ip_str(a->addr, ip), sub->len);
}

/* Unicast adverts go straight out of the carpdev: the peer must be on it. */
static void check_carppeer(struct cctx *c, const struct cfg_carp_if *ci, const struct cfg_port *dev)
{
	char ip[CFG_IP_STRLEN], net[CFG_PFX_STRLEN];
	const struct cfg_ifaddr *sub;
	const char *edge;

	cfg_ip_str(ci->carppeer, ip);
	if (!cfg_is_unicast(ci->carppeer))
		fail(c, ci->carppeer_loc, ci, "carppeer %s is not a unicast address", ip);
	else if (cfg_addr_port(c->cfg, ci->carppeer) >= 0 || any_vip(c->cfg, ci->carppeer))
		fail(c, ci->carppeer_loc, ci, "carppeer %s is an address of this router", ip);
	else if ((sub = cfg_port_subnet(dev, ci->carppeer)) == NULL)
		fail(c, ci->carppeer_loc, ci,
		     "carppeer %s is not inside a connected subnet of \"%s\"", ip, dev->name);
	/* the router would ARP for it forever and send no advert: both MASTER */
	else if ((edge = cfg_subnet_edge(sub->addr, sub->len, ci->carppeer)) != NULL)
		fail(c, ci->carppeer_loc, ci, "carppeer %s is the %s address of %s", ip, edge,
		     cfg_prefix_str(sub->addr & inet4_mask(sub->len), sub->len, net));
}

/* lib/carp keeps at most CFG_CARP_HOST_GROUPS_MAX user groups per host. */
static void check_group_count(struct cctx *c, const struct cfg_carp_if *ci)
{
	const struct cfg *cfg = c->cfg;
	unsigned int n = 0;

	for (const struct cfg_carp_if *o = cfg->carp.ifs; o <= ci; o++)
		for (unsigned int g = 0; g < o->n_groups; g++) {
			bool seen = false;

			for (const struct cfg_carp_if *p = cfg->carp.ifs; p <= o && !seen; p++)
				for (unsigned int k = 0; k < (p == o ? g : p->n_groups) && !seen;
				     k++)
					seen = strcmp(p->groups[k], o->groups[g]) == 0;
			if (!seen && ++n > CFG_CARP_HOST_GROUPS_MAX && o == ci) {
				fail(c, ci->groups_loc, ci,
				     "group \"%s\": more than %d groups in all carp interfaces "
				     "(besides \"carp\")",
				     o->groups[g], CFG_CARP_HOST_GROUPS_MAX);
				return;
			}
		}
}

static void check_if(struct cctx *c, struct cfg_carp_if *ci)
{
	const struct cfg_port *dev;

	check_names(c, ci);
	check_vhids(c, ci);
	check_group_count(c, ci);
	/* OpenBSD forces balancing none on a single node: say so instead of ignoring it */
	if (ci->balancing_set && ci->balancing != CFG_CARP_BAL_NONE && ci->n_nodes < 2)
		fail(c, ci->balancing_loc, ci,
		     "balancing \"%s\" needs carpnodes with 2 or more nodes (one node is always "
		     "\"none\")",
		     cfg_carp_balancing_name(ci->balancing));
	ci->carpdev_port = cfg_port_find(c->cfg, ci->carpdev);
	if (ci->carpdev_port < 0) {
		fail(c, ci->carpdev_loc, ci, "carpdev \"%s\" is not a port", ci->carpdev);
		return;
	}
	dev = &c->cfg->ports[ci->carpdev_port];
	for (unsigned int a = 0; a < ci->n_addrs; a++)
		check_vip(c, ci, dev, a);
	if (ci->carppeer_set)
		check_carppeer(c, ci, dev);
}

static bool is_worker(const uint16_t *workers, unsigned int n, unsigned int lcore)
{
	for (unsigned int i = 0; i < n; i++)
		if (workers[i] == lcore)
			return true;
	return false;
}

int cfg_carp_validate(struct cfg *cfg, struct cfg_errors *errs)
{
	struct cctx c = {.cfg = cfg, .errs = errs, .ret = 0};

	for (unsigned int i = 0; i < cfg->carp.n_ifs; i++)
		check_if(&c, &cfg->carp.ifs[i]);
	if (cfg->control_lcore_set && is_worker(cfg->workers, cfg->n_workers, cfg->control_lcore))
		fail(&c, cfg->control_lcore_loc, NULL, "control_lcore: lcore %u is also a worker",
		     cfg->control_lcore);
	return c.ret;
}

int cfg_control_lcore_pick(const struct cfg *cfg, unsigned int main_lcore, const bool *enabled,
                           unsigned int n_lcores, const uint16_t *workers, unsigned int n_workers,
                           struct cfg_errors *errs)
{
	struct cctx c = {.cfg = cfg, .errs = errs, .ret = 0};
	unsigned int l = cfg->control_lcore;

	if (cfg->control_lcore_set) {
		if (l >= n_lcores || !enabled[l])
			fail(&c, cfg->control_lcore_loc, NULL,
			     "control_lcore: lcore %u is not enabled (EAL -l/--lcores)", l);
		else if (l == main_lcore)
			fail(&c, cfg->control_lcore_loc, NULL,
			     "control_lcore: lcore %u is the main lcore", l);
		else if (is_worker(workers, n_workers, l))
			fail(&c, cfg->control_lcore_loc, NULL,
			     "control_lcore: lcore %u is also a worker", l);
		return c.ret < 0 ? c.ret : (int)l;
	}
	for (l = 0; l < n_lcores; l++)
		if (enabled[l] && l != main_lcore && !is_worker(workers, n_workers, l))
			return (int)l;
	fail(&c, (struct cfg_loc){.file = cfg->path, .line = 0}, NULL,
	     "control_lcore: no enabled lcore is free for it (neither the main lcore %u nor a "
	     "worker): add one to EAL -l/--lcores or list fewer workers",
	     main_lcore);
	return c.ret;
}
