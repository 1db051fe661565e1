/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The interfaces every test ruleset may name (TEST-NET addresses):
 *   lan0 id 0  192.0.2.1/24, 2001:db8:1::1/64   carp1 id 5 (CARP) 192.0.2.254/24
 *   srv0 id 1  198.51.100.1/24                  carp0 id 4 (CARP) 203.0.113.10/24
 *   wan0 id 2  203.0.113.2/24, 2001:db8:2::2/64  pfsync0 id 3 (no address)
 */
#ifndef PF_FIXTURE_H
#define PF_FIXTURE_H

#include "pf_rule.h"

enum { T_LAN0, T_SRV0, T_WAN0, T_PFSYNC0, T_CARP0, T_CARP1, T_NIFS };
extern const struct pf_iface_list t_ifs;

#endif /* PF_FIXTURE_H */
