/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Lookups in a parsed struct cfg (ports by name, by address, by subnet),
 * shared by the cross-section checks: cfg_validate.c and cfg_carp_check.c
 * both use them, and neither needs the other for it.
 */
#include <string.h>

#include "cfg.h"
#include "cfg_inet.h"

int cfg_port_find(const struct cfg *cfg, const char *name)
{
	for (unsigned int i = 0; i < cfg->n_ports; i++)
		if (strcmp(cfg->ports[i].name, name) == 0)
			return (int)i;
	return -1;
}

int cfg_addr_port(const struct cfg *cfg, uint32_t addr)
{
	for (unsigned int p = 0; p < cfg->n_ports; p++)
		for (unsigned int a = 0; a < cfg->ports[p].n_addrs; a++)
			if (cfg->ports[p].addrs[a].addr == addr)
				return (int)p;
	return -1;
}

const struct cfg_ifaddr *cfg_port_subnet(const struct cfg_port *p, uint32_t addr)
{
	for (unsigned int a = 0; a < p->n_addrs; a++)
		if (cfg_prefix_contains(p->addrs[a].addr, p->addrs[a].len, addr))
			return &p->addrs[a];
	return NULL;
}
