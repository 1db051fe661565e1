/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Cross-object checks on a parsed struct cfg (each key's type and range were
 * checked by its section parser). Pure: no libconfig, no DPDK. Checks that
 * need the devices and lcores EAL found are in app/rtr_eal.c (rtr_eal_check).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cfg_inet.h"

struct vctx {
	struct cfg *cfg;
	struct cfg_errors *errs;
	int ret;
};

static void fail(struct vctx *v, struct cfg_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct vctx *v, struct cfg_loc loc, const char *fmt, ...)
{
	char reason[CFG_ERROR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	cfg_errorf(v->errs, loc.file != NULL ? loc.file : v->cfg->path, loc.line, "%s", reason);
	v->ret = -EINVAL;
}

/* The interface address whose connected subnet holds addr (its port in *port), or NULL. */
static const struct cfg_ifaddr *connected_ifaddr(const struct cfg *cfg, uint32_t addr, int *port)
{
	for (unsigned int p = 0; p < cfg->n_ports; p++) {
		const struct cfg_ifaddr *ia = cfg_port_subnet(&cfg->ports[p], addr);

		if (ia != NULL) {
			*port = (int)p;
			return ia;
		}
	}
	*port = -1;
	return NULL;
}

/* "network" or "broadcast" when addr is that address of ia's subnet (not for /31, /32). */
static const char *subnet_edge(const struct cfg_ifaddr *ia, uint32_t addr)
{
	return cfg_subnet_edge(ia->addr, ia->len, addr);
}

/*
 * A next hop (gateway or static neighbour) must be on a connected subnet,
 * not the router itself nor the subnet's network/broadcast address. Sets
 * *port. Messages read "OBJ: is ..." or, with a noun, "OBJ: NOUN ADDR is ...".
 */
static void check_next_hop(struct vctx *v, struct cfg_loc loc, const char *obj, const char *noun,
                           uint32_t addr, int *port)
{
	const struct cfg_ifaddr *ia;
	char ip[CFG_IP_STRLEN], sub[CFG_PFX_STRLEN], subj[CFG_IP_STRLEN + 16] = "";
	const char *edge;

	if (noun != NULL)
		snprintf(subj, sizeof(subj), " %s %s", noun, cfg_ip_str(addr, ip));
	*port = -1;
	if (cfg_addr_port(v->cfg, addr) >= 0) {
		fail(v, loc, "%s:%s is an address of this router", obj, subj);
		return;
	}
	ia = connected_ifaddr(v->cfg, addr, port);
	if (ia == NULL) {
		fail(v, loc, "%s:%s is not on a connected subnet", obj, subj);
		return;
	}
	edge = subnet_edge(ia, addr);
	if (edge != NULL)
		fail(v, loc, "%s:%s is the %s address of %s", obj, subj, edge,
		     cfg_prefix_str(ia->addr & inet4_mask(ia->len), ia->len, sub));
}

static void check_ifaddr(struct vctx *v, const struct cfg_port *port, unsigned int ai)
{
	const struct cfg_ifaddr *ia = &port->addrs[ai];
	char s[CFG_PFX_STRLEN], o[CFG_PFX_STRLEN];

	cfg_prefix_str(ia->addr, ia->len, s);
	if (!cfg_is_unicast(ia->addr)) {
		fail(v, ia->loc, "port \"%s\": address %s is not a unicast address", port->name, s);
		return;
	}
	/* /31 (RFC 3021) and /32 have no network or broadcast address. */
	if (subnet_edge(ia, ia->addr) != NULL)
		fail(v, ia->loc, "port \"%s\": address %s is the %s address of its subnet",
		     port->name, s, subnet_edge(ia, ia->addr));

	/* Every address against every one before it, on any port. */
	for (const struct cfg_port *p = v->cfg->ports; p <= port; p++) {
		unsigned int end = p == port ? ai : p->n_addrs;

		for (unsigned int k = 0; k < end; k++) {
			const struct cfg_ifaddr *b = &p->addrs[k];

			if (cfg_prefix_overlap(ia->addr, ia->len, b->addr, b->len))
				fail(v, ia->loc,
				     "port \"%s\": address %s overlaps %s of port \"%s\" (line %d)",
				     port->name, s, cfg_prefix_str(b->addr, b->len, o), p->name,
				     b->loc.line);
		}
	}
}

static void check_ports(struct vctx *v)
{
	struct cfg *cfg = v->cfg;

	if (cfg->n_ports == 0) {
		fail(v, cfg->ports_loc, "no ports: ports = ( { name = ...; device = ...; } );");
		return;
	}
	for (unsigned int i = 0; i < cfg->n_ports; i++) {
		const struct cfg_port *p = &cfg->ports[i];

		for (unsigned int k = 0; k < i; k++) {
			if (strcmp(cfg->ports[k].name, p->name) == 0)
				fail(v, p->loc, "port \"%s\": defined twice (first at line %d)",
				     p->name, cfg->ports[k].loc.line);
			if (strcmp(cfg->ports[k].device, p->device) == 0)
				fail(v, p->device_loc,
				     "port \"%s\": device \"%s\" already used by port \"%s\"",
				     p->name, p->device, cfg->ports[k].name);
		}
		for (unsigned int a = 0; a < p->n_addrs; a++)
			check_ifaddr(v, p, a);
	}
}

struct keyed {
	uint64_t key;
	unsigned int idx;
};

static int keyed_cmp(const void *a, const void *b)
{
	const struct keyed *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/*
 * first[i] = the index of the first of entries 0..n-1 whose key(cfg, i)
 * equals entry i's (i itself when unique): duplicates found by sorting,
 * O(n log n), where comparing each entry with every one before it took 22 s
 * for 200 000 routes. NULL when out of memory (the caller frees the result).
 */
static unsigned int *first_of_keys(const struct cfg *cfg, unsigned int n,
                                   uint64_t (*key)(const struct cfg *cfg, unsigned int i))
{
	struct keyed *k = malloc((n > 0 ? n : 1) * sizeof(*k));
	unsigned int *first = malloc((n > 0 ? n : 1) * sizeof(*first));

	if (k == NULL || first == NULL) {
		free(k);
		free(first);
		return NULL;
	}
	for (unsigned int i = 0; i < n; i++)
		k[i] = (struct keyed){.key = key(cfg, i), .idx = i};
	qsort(k, n, sizeof(*k), keyed_cmp);
	for (unsigned int i = 0; i < n; i++)
		first[k[i].idx] = i > 0 && k[i - 1].key == k[i].key ? first[k[i - 1].idx] : k[i].idx;
	free(k);
	return first;
}

static uint64_t route_key(const struct cfg *cfg, unsigned int i)
{
	return (uint64_t)cfg->routes[i].prefix << 8 | cfg->routes[i].len;
}

static uint64_t neigh_key(const struct cfg *cfg, unsigned int i)
{
	return cfg->neighs[i].addr;
}

static void check_route(struct vctx *v, struct cfg_route *r, unsigned int first)
{
	struct cfg *cfg = v->cfg;
	char pfx[CFG_PFX_STRLEN], what[CFG_PFX_STRLEN + 16];

	cfg_prefix_str(r->prefix, r->len, pfx);
	if (&cfg->routes[first] != r)
		fail(v, r->loc, "route %s: defined twice (first at line %d)", pfx,
		     cfg->routes[first].loc.line);
	for (unsigned int p = 0; p < cfg->n_ports; p++)
		for (unsigned int a = 0; a < cfg->ports[p].n_addrs; a++) {
			const struct cfg_ifaddr *ia = &cfg->ports[p].addrs[a];

			if (ia->len == r->len && (ia->addr & inet4_mask(ia->len)) == r->prefix)
				fail(v, r->loc,
				     "route %s: same prefix as the connected subnet of port \"%s\"",
				     pfx, cfg->ports[p].name);
		}
	if (r->len == 32 && cfg_addr_port(cfg, r->prefix) >= 0)
		fail(v, r->loc, "route %s: same prefix as an address of port \"%s\"", pfx,
		     cfg->ports[cfg_addr_port(cfg, r->prefix)].name);
	if (r->gateway == 0) {
		r->port = cfg_port_find(cfg, r->port_name);
		if (r->port < 0)
			fail(v, r->loc, "route %s: unknown port \"%s\"", pfx, r->port_name);
		else if (cfg->ports[r->port].n_addrs == 0)
			fail(v, r->loc,
			     "route %s: port \"%s\" has no address (ARP needs a source address)",
			     pfx, r->port_name);
		return;
	}
	snprintf(what, sizeof(what), "route %s", pfx);
	check_next_hop(v, r->loc, what, "gateway", r->gateway, &r->port);
}

static void check_neigh(struct vctx *v, struct cfg_neigh *n, unsigned int first)
{
	struct cfg *cfg = v->cfg;
	char ip[CFG_IP_STRLEN], what[CFG_IP_STRLEN + 16];

	cfg_ip_str(n->addr, ip);
	if (&cfg->neighs[first] != n)
		fail(v, n->loc, "neighbour %s: defined twice (first at line %d)", ip,
		     cfg->neighs[first].loc.line);
	snprintf(what, sizeof(what), "neighbour %s", ip);
	check_next_hop(v, n->loc, what, NULL, n->addr, &n->port);
}

static void check_routes(struct vctx *v)
{
	unsigned int *first = first_of_keys(v->cfg, v->cfg->n_routes, route_key);

	if (first == NULL) {
		fail(v, v->cfg->routes_loc, "routes: out of memory");
		return;
	}
	for (unsigned int i = 0; i < v->cfg->n_routes; i++)
		check_route(v, &v->cfg->routes[i], first[i]);
	free(first);
}

static void check_neighs(struct vctx *v)
{
	unsigned int *first = first_of_keys(v->cfg, v->cfg->n_neighs, neigh_key);

	if (first == NULL) {
		fail(v, (struct cfg_loc){0}, "neighbours: out of memory");
		return;
	}
	for (unsigned int i = 0; i < v->cfg->n_neighs; i++)
		check_neigh(v, &v->cfg->neighs[i], first[i]);
	free(first);
}

static unsigned int n_connected(const struct cfg *cfg)
{
	unsigned int n = 0;

	for (unsigned int p = 0; p < cfg->n_ports; p++)
		n += cfg->ports[p].n_addrs;
	return n;
}

/*
 * A size given in the file must hold what the file configures (the error
 * names the key and its line); a size left out is sized from the file when
 * the default is too small: static routes plus 2 per address; twice the
 * static neighbours (as many again for learned ones).
 */
static void check_tables(struct vctx *v)
{
	struct cfg_tables *t = &v->cfg->tables;
	uint32_t routes = v->cfg->n_routes + 2 * n_connected(v->cfg);

	if (!t->routes_set && routes > t->routes)
		t->routes = routes;
	else if (routes > t->routes)
		fail(v, t->routes_loc,
		     "tables: routes %u too small for %u routes (%u static, plus 2 per address): "
		     "raise tables.routes to %u or more, or leave it out to size it from the file",
		     t->routes, routes, v->cfg->n_routes, routes);
	if (!t->neighbours_set && 2 * v->cfg->n_neighs > t->neighbours)
		t->neighbours = 2 * v->cfg->n_neighs;
	else if (v->cfg->n_neighs > t->neighbours)
		fail(v, t->neighbours_loc,
		     "tables: neighbours %u too small for %u static neighbours: raise "
		     "tables.neighbours to %u or more, or leave it out to size it from the file",
		     t->neighbours, v->cfg->n_neighs, v->cfg->n_neighs);
}

/* Per lcore mempool cache, as the app creates the pool (app/rtr_dataplane.c). */
#define MBUF_CACHE 256

uint32_t cfg_mbufs_needed(const struct cfg *cfg, unsigned int n_workers)
{
	uint32_t n = 0;

	/* every rx ring full, every tx ring (one per worker + control) full */
	for (unsigned int i = 0; i < cfg->n_ports; i++)
		n += cfg->ports[i].rx_queues * cfg->ports[i].rx_desc +
		     (n_workers + 1) * cfg->ports[i].tx_desc;
	/* plus what the per-lcore caches may hold, and one burst in flight each */
	return n + (n_workers + 1) * (MBUF_CACHE + 32);
}

int cfg_check_workers(const struct cfg *cfg, unsigned int n_workers, struct cfg_errors *errs)
{
	struct vctx v = {.cfg = (struct cfg *)cfg, .errs = errs, .ret = 0};
	unsigned int rxqs = 0;
	uint32_t need = cfg_mbufs_needed(cfg, n_workers);

	for (unsigned int i = 0; i < cfg->n_ports; i++)
		rxqs += cfg->ports[i].rx_queues;
	if (n_workers > rxqs)
		fail(&v, cfg->workers_loc,
		     "workers: %u workers but only %u rx queues in all (each worker needs one; "
		     "raise rx_queues)",
		     n_workers, rxqs);
	/* Per-worker state tables need both directions of a connection on one
	 * worker: not arranged yet for several (docs/filter.md). */
	if (cfg->filter.present && n_workers > 1)
		fail(&v, cfg->filter.loc,
		     "filter: %u workers, but the filter runs with one worker only (its state "
		     "tables are per worker)",
		     n_workers);
	if (cfg->tables.mbufs != 0 && cfg->tables.mbufs < need)
		fail(&v, cfg->tables_loc,
		     "tables: mbufs %u too small for the port rings of %u workers (needs at least "
		     "%u)",
		     cfg->tables.mbufs, n_workers, need);
	return v.ret;
}

int cfg_validate(struct cfg *cfg, struct cfg_errors *errs)
{
	struct vctx v = {.cfg = cfg, .errs = errs, .ret = 0};

	check_ports(&v);
	check_routes(&v);
	check_neighs(&v);
	check_tables(&v);
	if (cfg_validate6(cfg, errs) < 0)
		v.ret = -EINVAL;
	if (cfg_carp_validate(cfg, errs) < 0)
		v.ret = -EINVAL;
	if (cfg->n_workers > 0 && cfg_check_workers(cfg, cfg->n_workers, errs) < 0)
		v.ret = -EINVAL;
	if (cfg_ifstated_validate(cfg, errs) < 0)
		v.ret = -EINVAL;
	if (v.ret == 0 && cfg_filter_validate(cfg, errs) < 0)
		v.ret = -EINVAL;
	if (cfg_pfsync_validate(cfg, errs) < 0)
		v.ret = -EINVAL;
	return v.ret;
}
