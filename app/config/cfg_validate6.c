/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPv6 cross-object checks of cfg_validate: port addresses against
 * each other, routes6 and neighbours6 against the ports. Pure. Link-local
 * addresses are per link: the same fe80::1 on two ports is fine, a
 * link-local next hop names its port.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg.h"
#include "cfg_inet6.h"

struct vctx6 {
	struct cfg *cfg;
	struct cfg_errors *errs;
	int ret;
};

static void fail(struct vctx6 *v, struct cfg_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void fail(struct vctx6 *v, struct cfg_loc loc, const char *fmt, ...)
{
	char reason[CFG_ERROR_LEN];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(reason, sizeof(reason), fmt, ap);
	va_end(ap);
	cfg_errorf(v->errs, loc.file != NULL ? loc.file : v->cfg->path, loc.line, "%s", reason);
	v->ret = -EINVAL;
}

/* Port with a as one of its global addresses, or -1. */
static int addr6_port(const struct cfg *cfg, const uint8_t a[16])
{
	for (unsigned int p = 0; p < cfg->n_ports; p++)
		for (unsigned int k = 0; k < cfg->ports[p].n_addrs6; k++)
			if (memcmp(cfg->ports[p].addrs6[k].addr, a, 16) == 0)
				return (int)p;
	return -1;
}

/* Port whose connected IPv6 subnet holds a, or -1. */
static int subnet6_port(const struct cfg *cfg, const uint8_t a[16])
{
	for (unsigned int p = 0; p < cfg->n_ports; p++)
		for (unsigned int k = 0; k < cfg->ports[p].n_addrs6; k++) {
			const struct cfg_ifaddr6 *ia = &cfg->ports[p].addrs6[k];

			if (cfg_prefix6_contains(ia->addr, ia->len, a))
				return (int)p;
		}
	return -1;
}

/* Is a the subnet-router anycast address (host bits all zero) of a/len? RFC 4291 2.6.1. */
static bool subnet_router_anycast(const uint8_t a[16], uint8_t len)
{
	uint8_t m[16];

	memcpy(m, a, 16);
	cfg_ip6_mask(m, len);
	return len < 127 && memcmp(m, a, 16) == 0;
}

static void check_port_addrs6(struct vctx6 *v, const struct cfg_port *port, unsigned int ai)
{
	const struct cfg_ifaddr6 *ia = &port->addrs6[ai];
	char s[CFG_PFX6_STRLEN], o[CFG_PFX6_STRLEN];

	cfg_prefix6_str(ia->addr, ia->len, s);
	if (subnet_router_anycast(ia->addr, ia->len))
		fail(v, ia->loc,
		     "port \"%s\": address %s is the subnet-router anycast address of its subnet",
		     port->name, s);
	for (const struct cfg_port *p = v->cfg->ports; p <= port; p++) {
		unsigned int end = p == port ? ai : p->n_addrs6;

		for (unsigned int k = 0; k < end; k++) {
			const struct cfg_ifaddr6 *b = &p->addrs6[k];

			if (cfg_prefix6_overlap(ia->addr, ia->len, b->addr, b->len))
				fail(v, ia->loc,
				     "port \"%s\": address %s overlaps %s of port \"%s\" (line %d)",
				     port->name, s, cfg_prefix6_str(b->addr, b->len, o), p->name,
				     b->loc.line);
		}
	}
}

/* A link-local next hop of port p: not the port's own link-local. */
static void check_ll_next_hop(struct vctx6 *v, struct cfg_loc loc, const char *obj, int p,
                              const uint8_t a[16])
{
	const struct cfg_port *port = &v->cfg->ports[p];

	if (port->link_local_set && memcmp(port->link_local, a, 16) == 0)
		fail(v, loc, "%s is the link_local of port \"%s\"", obj, port->name);
}

/* A global next hop: on a connected subnet, not ours. Returns its port or -1. */
static int check_global_next_hop(struct vctx6 *v, struct cfg_loc loc, const char *obj,
                                 const uint8_t a[16])
{
	int p = addr6_port(v->cfg, a);

	if (p >= 0) {
		fail(v, loc, "%s is an address of port \"%s\"", obj, v->cfg->ports[p].name);
		return -1;
	}
	p = subnet6_port(v->cfg, a);
	if (p < 0)
		fail(v, loc, "%s is not on a connected IPv6 subnet", obj);
	return p;
}

static int port_of(struct vctx6 *v, struct cfg_loc loc, const char *obj, const char *name)
{
	int p = cfg_port_find(v->cfg, name);

	if (p < 0)
		fail(v, loc, "%s: unknown port \"%s\"", obj, name);
	return p;
}

static void check_route6(struct vctx6 *v, struct cfg_route6 *r)
{
	const struct cfg *cfg = v->cfg;
	char pfx[CFG_PFX6_STRLEN], gw[CFG_IP6_STRLEN], obj[CFG_PFX6_STRLEN + 80];

	cfg_prefix6_str(r->prefix, r->len, pfx);
	snprintf(obj, sizeof(obj), "route6 %s", pfx);
	for (unsigned int p = 0; p < cfg->n_ports; p++)
		for (unsigned int k = 0; k < cfg->ports[p].n_addrs6; k++) {
			const struct cfg_ifaddr6 *ia = &cfg->ports[p].addrs6[k];

			if (ia->len == r->len && cfg_prefix6_contains(ia->addr, ia->len, r->prefix))
				fail(v, r->loc,
				     "%s: same prefix as the connected subnet of port \"%s\"", obj,
				     cfg->ports[p].name);
		}
	if (r->len == 128 && addr6_port(cfg, r->prefix) >= 0)
		fail(v, r->loc, "%s: same prefix as an address of port \"%s\"", obj,
		     cfg->ports[addr6_port(cfg, r->prefix)].name);
	if (!r->has_gateway) {
		r->port = port_of(v, r->loc, obj, r->port_name);
		return;
	}
	snprintf(obj, sizeof(obj), "route6 %s: gateway %s", pfx, cfg_ip6_str(r->gateway, gw));
	if (cfg_ip6_is_link_local(r->gateway)) {
		r->port = port_of(v, r->loc, obj, r->port_name);
		if (r->port >= 0)
			check_ll_next_hop(v, r->loc, obj, r->port, r->gateway);
		return;
	}
	r->port = check_global_next_hop(v, r->loc, obj, r->gateway);
}

static void check_neigh6(struct vctx6 *v, struct cfg_neigh6 *n)
{
	char ip[CFG_IP6_STRLEN], obj[CFG_IP6_STRLEN + 16];
	int sub;

	snprintf(obj, sizeof(obj), "neighbour6 %s", cfg_ip6_str(n->addr, ip));
	if (cfg_ip6_is_link_local(n->addr)) {
		n->port = port_of(v, n->loc, obj, n->port_name);
		if (n->port >= 0)
			check_ll_next_hop(v, n->loc, obj, n->port, n->addr);
		return;
	}
	sub = check_global_next_hop(v, n->loc, obj, n->addr);
	if (sub >= 0 && n->port_name[0] != '\0' && strcmp(n->port_name, v->cfg->ports[sub].name))
		fail(v, n->loc, "%s is on the subnet of port \"%s\", not \"%s\"", obj,
		     v->cfg->ports[sub].name, n->port_name);
	n->port = sub;
}

/* Sorting for duplicates: O(n log n) as cfg_validate.c's first_of_keys. */
struct key6 {
	uint8_t k[18];
	unsigned int idx;
	int line;
};

static int key6_cmp(const void *a, const void *b)
{
	const struct key6 *x = a, *y = b;
	int c = memcmp(x->k, y->k, sizeof(x->k));

	return c != 0 ? c : (x->idx > y->idx) - (x->idx < y->idx);
}

/* Reports each entry whose key an earlier one had, at loc_of(idx). */
static void check_dups(struct vctx6 *v, struct key6 *k, unsigned int n, const char *what,
                       struct cfg_loc (*loc_of)(const struct cfg *, unsigned int))
{
	qsort(k, n, sizeof(*k), key6_cmp);
	for (unsigned int i = 1, first = 0; i < n; i++) {
		if (memcmp(k[i].k, k[first].k, sizeof(k[i].k)) != 0) {
			first = i;
			continue;
		}
		fail(v, loc_of(v->cfg, k[i].idx), "%s: defined twice (first at line %d)", what,
		     k[first].line);
	}
}

static struct cfg_loc route6_loc(const struct cfg *cfg, unsigned int i)
{
	return cfg->routes6[i].loc;
}

static struct cfg_loc neigh6_loc(const struct cfg *cfg, unsigned int i)
{
	return cfg->neighs6[i].loc;
}

static void check_route6_dups(struct vctx6 *v)
{
	unsigned int n = v->cfg->n_routes6;
	struct key6 *k = calloc(n > 0 ? n : 1, sizeof(*k));

	if (k == NULL) {
		fail(v, v->cfg->routes6_loc, "routes6: out of memory");
		return;
	}
	for (unsigned int i = 0; i < n; i++) {
		memcpy(k[i].k, v->cfg->routes6[i].prefix, 16);
		k[i].k[16] = v->cfg->routes6[i].len;
		k[i].idx = i;
		k[i].line = v->cfg->routes6[i].loc.line;
	}
	check_dups(v, k, n, "route6", route6_loc);
	free(k);
}

static void check_neigh6_dups(struct vctx6 *v)
{
	unsigned int n = v->cfg->n_neighs6;
	struct key6 *k = calloc(n > 0 ? n : 1, sizeof(*k));

	if (k == NULL) {
		fail(v, (struct cfg_loc){0}, "neighbours6: out of memory");
		return;
	}
	for (unsigned int i = 0; i < n; i++) {
		memcpy(k[i].k, v->cfg->neighs6[i].addr, 16);
		k[i].k[16] = (uint8_t)v->cfg->neighs6[i].port; /* a link-local one per link */
		k[i].idx = i;
		k[i].line = v->cfg->neighs6[i].loc.line;
	}
	check_dups(v, k, n, "neighbour6", neigh6_loc);
	free(k);
}

int cfg_validate6(struct cfg *cfg, struct cfg_errors *errs)
{
	struct vctx6 v = {.cfg = cfg, .errs = errs, .ret = 0};

	for (unsigned int p = 0; p < cfg->n_ports; p++)
		for (unsigned int a = 0; a < cfg->ports[p].n_addrs6; a++)
			check_port_addrs6(&v, &cfg->ports[p], a);
	check_route6_dups(&v);
	for (unsigned int i = 0; i < cfg->n_routes6; i++)
		check_route6(&v, &cfg->routes6[i]);
	for (unsigned int i = 0; i < cfg->n_neighs6; i++)
		check_neigh6(&v, &cfg->neighs6[i]);
	check_neigh6_dups(&v); /* after check_neigh6 set the ports */
	return v.ret;
}

uint32_t cfg_routes6_needed(const struct cfg *cfg)
{
	uint32_t n = cfg->n_routes6;

	for (unsigned int p = 0; p < cfg->n_ports; p++)
		n += 2 * cfg->ports[p].n_addrs6;
	return n;
}
