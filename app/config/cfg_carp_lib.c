/* SPDX-License-Identifier: BSD-2-Clause */
/* struct cfg_carp -> lib/carp configuration (see cfg_carp_lib.h). */
#include <errno.h>
#include <string.h>

#include "cfg_carp_lib.h"
#include "cfg_inet.h"

/* cfg.h mirrors lib/carp's limits and enums without including lib/carp. */
#define SAME_BAL(name, up)                                                                         \
	_Static_assert((int)CFG_CARP_BAL_##up == (int)CARP_BAL_##up, "balancing order " name);
CFG_CARP_BALANCING(SAME_BAL)
#undef SAME_BAL
_Static_assert((int)CFG_CARP_BAL_COUNT == (int)CARP_BAL__COUNT, "balancing modes");
_Static_assert(CFG_CARP_NODES_MAX == CARP_MAX_NODES, "carpnodes");
_Static_assert(CFG_CARP_IFS_MAX <= CARP_MAX_IFS, "carp interfaces");
_Static_assert(CFG_CARP_ADDRS_MAX <= CARP_MAX_ADDRS, "addresses");
_Static_assert(CFG_CARP_GROUPS_MAX == CARP_IF_MAX_GROUPS, "groups");
_Static_assert(CFG_CARP_GROUP_LEN == CARP_GROUP_NAME_MAX, "group name");
_Static_assert(CFG_CARP_HOST_GROUPS_MAX == CARP_MAX_GROUPS - 1, "groups per host");
_Static_assert(CFG_CARP_PASS_MAX == CARP_PASSPHRASE_MAX, "passphrase");
_Static_assert(CFG_NAME_LEN == CARP_IF_NAME_MAX, "interface name");

static void put_be32(uint8_t b[4], uint32_t v)
{
	b[0] = (uint8_t)(v >> 24);
	b[1] = (uint8_t)(v >> 16);
	b[2] = (uint8_t)(v >> 8);
	b[3] = (uint8_t)v;
}

/* The carpdev address whose subnet holds addr (0 when none: lib/carp then
 * uses the first virtual address). */
static uint32_t advert_source(const struct cfg *cfg, const struct cfg_carp_if *ci, uint32_t addr)
{
	const struct cfg_port *p;

	if (ci->carpdev_port < 0 || (unsigned int)ci->carpdev_port >= cfg->n_ports)
		return 0;
	p = &cfg->ports[ci->carpdev_port];
	for (unsigned int a = 0; a < p->n_addrs; a++)
		if (cfg_prefix_contains(p->addrs[a].addr, p->addrs[a].len, addr))
			return p->addrs[a].addr;
	return 0;
}

int cfg_carp_to_if_config(const struct cfg *cfg, unsigned int i, uint16_t port_id,
                          const uint8_t parent_mac[6], struct carp_if_config *out)
{
	const struct cfg_carp_if *ci;
	char pass[CFG_CARP_PASS_MAX + 1];

	if (i >= cfg->carp.n_ifs)
		return -EINVAL;
	ci = &cfg->carp.ifs[i];
	memset(out, 0, sizeof(*out));
	memcpy(out->name, ci->name, sizeof(out->name));
	out->carpdev = port_id;
	memcpy(out->parent_mac, parent_mac, 6);
	out->advbase = ci->advbase;
	out->n_nodes = ci->n_nodes;
	for (unsigned int n = 0; n < ci->n_nodes; n++)
		out->nodes[n] = (struct carp_node){
		    .vhid = ci->nodes[n].vhid,
		    .advskew = ci->nodes[n].advskew,
		};
	out->balancing_set = ci->balancing_set;
	out->balancing = (enum carp_balancing)ci->balancing;
	memcpy(pass, ci->pass, ci->pass_len);
	pass[ci->pass_len] = '\0';
	carp_key_from_passphrase(&out->key, pass);
	out->addrs.n4 = ci->n_addrs;
	for (unsigned int a = 0; a < ci->n_addrs; a++)
		put_be32(out->addrs.v4[a], ci->addrs[a].addr);
	out->lladdr_set = ci->lladdr_set;
	memcpy(out->lladdr, ci->lladdr, 6);
	out->peer4_set = ci->carppeer_set;
	put_be32(out->peer4, ci->carppeer_set ? ci->carppeer : 0);
	if (ci->n_addrs > 0)
		put_be32(out->src4, advert_source(cfg, ci, ci->addrs[0].addr));
	out->n_groups = ci->n_groups;
	for (unsigned int g = 0; g < ci->n_groups; g++)
		memcpy(out->groups[g], ci->groups[g], sizeof(out->groups[g]));
	return 0;
}

void cfg_carp_to_host_config(const struct cfg *cfg, struct carp_host_config *out)
{
	memset(out, 0, sizeof(*out));
	out->preempt = cfg->carp.preempt;
	out->disallow = !cfg->carp.allow;
	out->boot_demote = cfg->carp.boot_demote;
}

int cfg_carp_state_admin_op(enum cfg_carp_state st)
{
	switch (st) {
	case CFG_CARP_STATE_MASTER:
		return CARP_ADMIN_FORCE_MASTER;
	case CFG_CARP_STATE_BACKUP:
		return CARP_ADMIN_FORCE_BACKUP;
	default:
		return -1;
	}
}
