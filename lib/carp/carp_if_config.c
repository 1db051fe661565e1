/* SPDX-License-Identifier: BSD-2-Clause */
/* carp interface configuration: validation, node sort, MACs, HMAC setup. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "carp_if.h"

static int cmp_node(const void *a, const void *b)
{
	return (int)((const struct carp_node *)a)->vhid - (int)((const struct carp_node *)b)->vhid;
}

static int fail(char *err, unsigned errlen, const char *name, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* "carp0: <message>" into err; always -EINVAL. */
static int fail(char *err, unsigned errlen, const char *name, const char *fmt, ...)
{
	char m[96];
	va_list ap;

	if (err && errlen) {
		va_start(ap, fmt);
		vsnprintf(m, sizeof(m), fmt, ap);
		va_end(ap);
		snprintf(err, errlen, "%s: %s", name[0] ? name : "carp", m);
	}
	return -EINVAL;
}

static int validate(const struct carp_if_config *c, char *err, unsigned errlen)
{
	unsigned i, j;
	size_t len;

	if (c->n_nodes < 1 || c->n_nodes > CARP_MAX_NODES)
		return fail(err, errlen, c->name, "%u carpnodes, need 1-%u", c->n_nodes,
		            CARP_MAX_NODES);
	if (c->advbase > 254)
		return fail(err, errlen, c->name, "advbase %u out of range 0-254", c->advbase);
	for (i = 0; i < c->n_nodes; i++) {
		if (c->nodes[i].vhid == 0)
			return fail(err, errlen, c->name, "vhid 0 out of range 1-255");
		if (c->nodes[i].advskew > 254)
			return fail(err, errlen, c->name, "vhid %u: advskew %u out of range 0-254",
			            c->nodes[i].vhid, c->nodes[i].advskew);
		for (j = 0; j < i; j++)
			if (c->nodes[j].vhid == c->nodes[i].vhid)
				return fail(err, errlen, c->name, "vhid %u listed twice",
				            c->nodes[i].vhid);
	}
	if (c->addrs.n4 > CARP_MAX_ADDRS || c->addrs.n6 > CARP_MAX_ADDRS)
		return fail(err, errlen, c->name, "too many addresses (at most %u per family)",
		            CARP_MAX_ADDRS);
	if (c->addrs.n4 == 0 && c->addrs.n6 == 0)
		return fail(err, errlen, c->name, "no virtual address");
	if (c->balancing_set && (unsigned)c->balancing >= CARP_BAL__COUNT)
		return fail(err, errlen, c->name, "unknown balancing mode %u",
		            (unsigned)c->balancing);
	if (c->n_groups > CARP_IF_MAX_GROUPS)
		return fail(err, errlen, c->name, "%u groups, at most %u", c->n_groups,
		            CARP_IF_MAX_GROUPS);
	for (i = 0; i < c->n_groups; i++) {
		len = strnlen(c->groups[i], CARP_GROUP_NAME_MAX);
		if (len == 0 || len >= CARP_GROUP_NAME_MAX)
			return fail(err, errlen, c->name, "group %u: name must be 1-%u characters",
			            i, CARP_GROUP_NAME_MAX - 1);
	}
	return 0;
}

int carp_if_init(struct carp_if *ifc, const struct carp_if_config *cfg, char *err, unsigned errlen)
{
	uint8_t def[6], vhids[CARP_MAX_NODES];
	uint32_t hk[2];
	unsigned i;
	int rc;

	memset(ifc, 0, sizeof(*ifc));
	rc = validate(cfg, err, errlen);
	if (rc)
		return rc;
	ifc->cfg = *cfg;
	ifc->cfg.name[CARP_IF_NAME_MAX - 1] = '\0';
	qsort(ifc->cfg.nodes, cfg->n_nodes, sizeof(cfg->nodes[0]), cmp_node);
	/* one node: balancing is forced off; more: default ip (OpenBSD) */
	if (cfg->n_nodes == 1)
		ifc->mode = CARP_BAL_NONE;
	else
		ifc->mode = cfg->balancing_set ? cfg->balancing : CARP_BAL_IP;
	carp_vmac(ifc->cfg.nodes[0].vhid, ifc->mode == CARP_BAL_IP, def);
	memcpy(ifc->mac, cfg->lladdr_set ? cfg->lladdr : def, 6);
	ifc->lladdr_hashed = cfg->lladdr_set && memcmp(cfg->lladdr, def, 6) &&
	                     memcmp(cfg->lladdr, cfg->parent_mac, 6);
	ifc->nvh = cfg->n_nodes;
	for (i = 0; i < ifc->nvh; i++) {
		struct carp_vhost *v = &ifc->vh[i];

		v->vhid = ifc->cfg.nodes[i].vhid;
		v->advskew = ifc->cfg.nodes[i].advskew;
		v->state = CARP_STATE_INIT;
		v->ad_at = v->md_at[0] = v->md_at[1] = CARP_NEVER;
		v->delayed_arp = -1;
		vhids[i] = v->vhid;
		rc = carp_auth_init(&v->auth);
		if (rc == 0)
			rc = carp_auth_prepare(&v->auth, &cfg->key, v->vhid, &cfg->addrs,
			                       i == 0 && ifc->lladdr_hashed ? cfg->lladdr : NULL);
		if (rc) {
			ifc->nvh = i + 1;
			carp_if_fini(ifc);
			if (err && errlen)
				snprintf(err, errlen, "%s: HMAC setup failed", cfg->name);
			return rc;
		}
	}
	carp_arp_hashkey(ifc->vh[0].auth.kmd, CARP_ORDER_HOST, hk);
	carp_balance_setup(&ifc->bal, ifc->mode, ifc->nvh, vhids, ifc->mac, hk, cfg->key.b);
	ifc->admin_up = !cfg->admin_down;
	ifc->link_up = true;
	return 0;
}

int carp_if_set_key(struct carp_if *ifc, const struct carp_key *key)
{
	if (ifc->mode == CARP_BAL_ARP)
		return -EOPNOTSUPP;
	ifc->cfg.key = *key;
	for (unsigned int i = 0; i < ifc->nvh; i++) {
		int rc = carp_auth_prepare(&ifc->vh[i].auth, key, ifc->vh[i].vhid, &ifc->cfg.addrs,
		                           i == 0 && ifc->lladdr_hashed ? ifc->cfg.lladdr : NULL);

		if (rc)
			return rc;
	}
	return 0;
}

void carp_if_fini(struct carp_if *ifc)
{
	unsigned i;

	for (i = 0; i < ifc->nvh; i++)
		carp_auth_fini(&ifc->vh[i].auth);
	ifc->nvh = 0;
}
