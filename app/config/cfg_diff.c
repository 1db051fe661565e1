/* SPDX-License-Identifier: BSD-2-Clause */
/* Running configuration vs a new one: what a reload refuses, what it applies (cfg_diff.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_diff.h"

struct dctx {
	const struct cfg *new;
	struct cfg_errors *errs;
	int ret;
};

void cfg_diff_refuse(struct cfg_errors *errs, const struct cfg *new, struct cfg_loc loc,
                     const char *what)
{
	cfg_errorf(errs, loc.file != NULL ? loc.file : new->path, loc.line,
	           "%s cannot change live (restart the router)", what);
}

static void refuse(struct dctx *c, struct cfg_loc loc, const char *what)
{
	cfg_diff_refuse(c->errs, c->new, loc, what);
	c->ret = -EINVAL;
}

static void diff_ports(struct dctx *c, const struct cfg *old)
{
	const struct cfg *new = c->new;
	char what[CFG_NAME_LEN + 32];

	if (old->n_ports != new->n_ports) {
		refuse(c, new->ports_loc, "ports: the port set");
		return;
	}
	for (unsigned int i = 0; i < new->n_ports; i++) {
		const struct cfg_port *o = &old->ports[i], *n = &new->ports[i];
		static const char *const keys[] = {"device", "rx_queues", "rx_desc", "tx_desc",
		                                   "mtu"};
		const bool differs[] = {strcmp(o->device, n->device) != 0,
		                        o->rx_queues != n->rx_queues, o->rx_desc != n->rx_desc,
		                        o->tx_desc != n->tx_desc, o->mtu != n->mtu};

		if (strcmp(o->name, n->name) != 0) {
			refuse(c, n->loc, "ports: the port set");
			return;
		}
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			if (!differs[k])
				continue;
			snprintf(what, sizeof(what), "port \"%s\": %s", n->name, keys[k]);
			refuse(c, k == 0 ? n->device_loc : n->loc, what);
		}
	}
}

static void diff_process(struct dctx *c, const struct cfg *old)
{
	const struct cfg *new = c->new;

	/* workers and control_lcore: compared once EAL resolved them (the
	 * same lcores may be given or defaulted), app/rtr_reload.c. */
	if (old->polling != new->polling)
		refuse(c, new->polling_loc, "polling");
	if (old->idle_polls != new->idle_polls)
		refuse(c, new->idle_polls_loc, "idle_polls");
	if (old->sleep_max_us != new->sleep_max_us)
		refuse(c, new->sleep_max_loc, "sleep_max_us");
	/* The neighbour hash keeps learned entries and the pool holds the
	 * rings' mbufs: neither is rebuilt. */
	if (old->tables.neighbours != new->tables.neighbours)
		refuse(c, new->tables.neighbours_set ? new->tables.neighbours_loc : new->tables_loc,
		       "tables: neighbours");
	if (old->tables.mbufs != new->tables.mbufs)
		refuse(c, new->tables_loc, "tables: mbufs");
	if (strcmp(old->ifstated_path, new->ifstated_path) != 0)
		refuse(c, new->ifstated_loc, "ifstated");
	if (!cfg_pfsync_same(&old->pfsync, &new->pfsync))
		refuse(c, new->pfsync.loc, "pfsync");
	if ((old->carp.n_ifs == 0) != (new->carp.n_ifs == 0))
		refuse(c, new->carp.n_ifs > 0 ? new->carp.interfaces_loc : new->carp.loc,
		       new->carp.n_ifs > 0 ? "carp: the first carp interface (no control lcore "
		                             "runs without carp)"
		                           : "carp: removing the last carp interface");
}

static bool addrs_equal(const struct cfg_ifaddr *a, unsigned int na, const struct cfg_ifaddr *b,
                        unsigned int nb)
{
	if (na != nb)
		return false;
	for (unsigned int i = 0; i < na; i++)
		if (a[i].addr != b[i].addr || a[i].len != b[i].len)
			return false;
	return true;
}

static bool route_equal(const void *va, const void *vb)
{
	const struct cfg_route *a = va, *b = vb;

	return a->prefix == b->prefix && a->len == b->len && a->gateway == b->gateway &&
	       a->port == b->port;
}

static bool neigh_equal(const void *va, const void *vb)
{
	const struct cfg_neigh *a = va, *b = vb;

	return a->addr == b->addr && a->port == b->port && memcmp(a->mac, b->mac, 6) == 0;
}

/* Index of the first entry that differs (or the first beyond the shorter list), or -1. */
static int first_diff(const void *a, unsigned int na, const void *b, unsigned int nb, size_t size,
                      bool (*eq)(const void *, const void *))
{
	for (unsigned int i = 0; i < na || i < nb; i++)
		if (i >= na || i >= nb ||
		    !eq((const char *)a + i * size, (const char *)b + i * size))
			return (int)i;
	return -1;
}

static void diff_tables(struct cfg_diff *d, const struct cfg *old, const struct cfg *new)
{
	int r, n;

	for (unsigned int i = 0; i < new->n_ports && !d->addrs; i++)
		if (!addrs_equal(old->ports[i].addrs, old->ports[i].n_addrs, new->ports[i].addrs,
		                 new->ports[i].n_addrs)) {
			d->addrs = true;
			d->addrs_loc = new->ports[i].loc;
		}
	r = first_diff(old->routes, old->n_routes, new->routes, new->n_routes, sizeof(*new->routes),
	               route_equal);
	if (r >= 0 || old->tables.routes != new->tables.routes) {
		d->routes = true;
		d->routes_loc = r >= 0 && (unsigned int)r < new->n_routes ? new->routes[r].loc
		                                                          : new->routes_loc;
	}
	n = first_diff(old->neighs, old->n_neighs, new->neighs, new->n_neighs, sizeof(*new->neighs),
	               neigh_equal);
	if (n >= 0) {
		d->neighs = true;
		/* a neighbour removed at the end: the file, no line */
		d->neighs_loc =
		    (unsigned int)n < new->n_neighs ? new->neighs[n].loc : (struct cfg_loc){0};
	}
}

bool cfg_carp_if_equal(const struct cfg_carp_if *a, const struct cfg_carp_if *b)
{
	return strcmp(a->name, b->name) == 0 && strcmp(a->carpdev, b->carpdev) == 0 &&
	       a->carpnodes == b->carpnodes && a->n_nodes == b->n_nodes &&
	       memcmp(a->nodes, b->nodes, a->n_nodes * sizeof(a->nodes[0])) == 0 &&
	       a->advbase == b->advbase && a->balancing_set == b->balancing_set &&
	       (!a->balancing_set || a->balancing == b->balancing) && a->pass_len == b->pass_len &&
	       memcmp(a->pass, b->pass, a->pass_len) == 0 &&
	       addrs_equal(a->addrs, a->n_addrs, b->addrs, b->n_addrs) &&
	       a->carppeer_set == b->carppeer_set &&
	       (!a->carppeer_set || a->carppeer == b->carppeer) && a->state == b->state &&
	       a->n_groups == b->n_groups &&
	       memcmp(a->groups, b->groups, sizeof(a->groups[0]) * a->n_groups) == 0 &&
	       strcmp(a->hook, b->hook) == 0 && a->lladdr_set == b->lladdr_set &&
	       (!a->lladdr_set || memcmp(a->lladdr, b->lladdr, 6) == 0);
}

static void diff_carp(struct cfg_diff *d, const struct cfg *old, const struct cfg *new)
{
	const struct cfg_carp *o = &old->carp, *n = &new->carp;

	if (o->allow != n->allow || o->preempt != n->preempt || o->log != n->log ||
	    o->boot_demote != n->boot_demote || strcmp(o->hook, n->hook) != 0 ||
	    o->hook_timeout_ms != n->hook_timeout_ms) {
		d->carp_globals = true;
		d->carp_globals_loc = n->loc;
	}
	for (unsigned int i = 0; i < o->n_ifs; i++)
		d->carp_removed[i] = true;
	for (unsigned int i = 0; i < n->n_ifs; i++) {
		const struct cfg_carp_if *ni = &n->ifs[i];

		d->carp_old[i] = CFG_DIFF_NONE;
		for (unsigned int k = 0; k < o->n_ifs; k++)
			if (strcmp(o->ifs[k].name, ni->name) == 0 &&
			    strcmp(o->ifs[k].carpdev, ni->carpdev) == 0) {
				d->carp_old[i] = (int)k;
				d->carp_removed[k] = false;
				d->carp_changed[i] = !cfg_carp_if_equal(&o->ifs[k], ni);
				break;
			}
	}
}

int cfg_diff(const struct cfg *old, const struct cfg *new, struct cfg_diff *d,
             struct cfg_errors *errs)
{
	struct dctx c = {.new = new, .errs = errs, .ret = 0};

	memset(d, 0, sizeof(*d));
	diff_ports(&c, old);
	diff_process(&c, old);
	if (cfg_diff6(old, new, errs) < 0)
		c.ret = -EINVAL;
	if (c.ret == 0) {
		d->log_level = old->log_level != new->log_level;
		diff_tables(d, old, new);
		diff_carp(d, old, new);
	}
	return c.ret;
}

bool cfg_diff_empty(const struct cfg_diff *d, const struct cfg *old, const struct cfg *new)
{
	if (d->log_level || d->addrs || d->routes || d->neighs || d->carp_globals)
		return false;
	for (unsigned int i = 0; i < old->carp.n_ifs; i++)
		if (d->carp_removed[i])
			return false;
	for (unsigned int i = 0; i < new->carp.n_ifs; i++)
		if (d->carp_old[i] == CFG_DIFF_NONE || d->carp_changed[i])
			return false;
	return true;
}

static void append(char *buf, size_t len, size_t *used, const char *fmt, const char *arg)
{
	int c;

	if (*used >= len)
		return;
	c = snprintf(buf + *used, len - *used, "%s", *used > 0 ? ", " : "");
	if (c > 0)
		*used += (size_t)c;
	if (*used >= len)
		return;
	c = snprintf(buf + *used, len - *used, fmt, arg);
	if (c > 0)
		*used += (size_t)c;
}

const char *cfg_diff_describe(const struct cfg_diff *d, const struct cfg *old,
                              const struct cfg *new, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	if (d->log_level)
		append(buf, len, &used, "%s", "log_level");
	if (d->addrs)
		append(buf, len, &used, "%s", "addresses");
	if (d->routes)
		append(buf, len, &used, "%s", "routes");
	if (d->neighs)
		append(buf, len, &used, "%s", "neighbours");
	if (d->carp_globals)
		append(buf, len, &used, "%s", "carp globals");
	for (unsigned int i = 0; i < new->carp.n_ifs; i++)
		if (d->carp_old[i] == CFG_DIFF_NONE)
			append(buf, len, &used, "%s (added)", new->carp.ifs[i].name);
		else if (d->carp_changed[i])
			append(buf, len, &used, "%s (changed)", new->carp.ifs[i].name);
	for (unsigned int i = 0; i < old->carp.n_ifs; i++)
		if (d->carp_removed[i])
			append(buf, len, &used, "%s (removed)", old->carp.ifs[i].name);
	if (used == 0)
		snprintf(buf, len, "nothing");
	return buf;
}
