/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The parsed carp section (struct cfg_carp, plain data) -> lib/carp's
 * configuration structs. The only part of the configuration code that
 * includes lib/carp. Pure: what only EAL knows (the carpdev's DPDK port id
 * and MAC) comes in as parameters; random_fn of the host config is left for
 * the caller.
 */
#ifndef RTR_CFG_CARP_LIB_H
#define RTR_CFG_CARP_LIB_H

#include <stdint.h>

#include "carp_host.h"
#include "carp_if.h"
#include "cfg.h"

/*
 * Fill *out for carp interface i of cfg (i < cfg->carp.n_ifs; cfg validated):
 * name, carpdev = port_id, parent_mac, advbase, nodes (configuration order;
 * lib/carp sorts), balancing, key (from the passphrase, BSD semantics),
 * virtual IPv4 addresses, carppeer, groups, lladdr, and src4 = the carpdev
 * address whose connected subnet holds the first virtual address (advert
 * source). Left zero: peer6, peer_mac, src6, admin_down. The forced state,
 * the hook and the log level are not carp_if_config fields: the caller
 * applies cfg->carp.ifs[i].state after carp_host_attach (carp_if_admin
 * FORCE_MASTER / FORCE_BACKUP). Returns 0, or -EINVAL when i is out of range.
 */
int cfg_carp_to_if_config(const struct cfg *cfg, unsigned int i, uint16_t port_id,
                          const uint8_t parent_mac[6], struct carp_if_config *out);

/* preempt, disallow (= !allow), boot_demote of the carp section; random and
 * random_arg are zero: the caller sets them. */
void cfg_carp_to_host_config(const struct cfg *cfg, struct carp_host_config *out);

/* The lib/carp admin operation of a forced state, or -1 for none. */
int cfg_carp_state_admin_op(enum cfg_carp_state st);

#endif /* RTR_CFG_CARP_LIB_H */
