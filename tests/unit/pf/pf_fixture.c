/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The interfaces test and fuzz rulesets name (no CUnit here, so the fuzz
 * targets share it): see pf_fixture.h.
 */
#include "pf_fixture.h"

static const struct pf_iface ifs[T_NIFS] = {
    [T_LAN0] = {.name = "lan0",
                .id = 0,
                .kind = PF_IFACE_PORT,
                .naddrs = 2,
                .addrs = {{.af = PF_AF_INET, .plen = 24, .addr = {.b = {192, 0, 2, 1}}},
                          {.af = PF_AF_INET6,
                           .plen = 64,
                           .addr = {.b = {0x20, 0x01, 0x0d, 0xb8, 0, 1, [15] = 1}}}}},
    [T_SRV0] = {.name = "srv0",
                .id = 1,
                .kind = PF_IFACE_PORT,
                .naddrs = 1,
                .addrs = {{.af = PF_AF_INET, .plen = 24, .addr = {.b = {198, 51, 100, 1}}}}},
    [T_WAN0] = {.name = "wan0",
                .id = 2,
                .kind = PF_IFACE_PORT,
                .naddrs = 2,
                .addrs = {{.af = PF_AF_INET, .plen = 24, .addr = {.b = {203, 0, 113, 2}}},
                          {.af = PF_AF_INET6,
                           .plen = 64,
                           .addr = {.b = {0x20, 0x01, 0x0d, 0xb8, 0, 2, [15] = 2}}}}},
    [T_PFSYNC0] = {.name = "pfsync0", .id = 3, .kind = PF_IFACE_PORT},
    [T_CARP0] = {.name = "carp0",
                 .id = 4,
                 .kind = PF_IFACE_CARP,
                 .naddrs = 1,
                 .addrs = {{.af = PF_AF_INET, .plen = 24, .addr = {.b = {203, 0, 113, 10}}}}},
    [T_CARP1] = {.name = "carp1",
                 .id = 5,
                 .kind = PF_IFACE_CARP,
                 .naddrs = 1,
                 .addrs = {{.af = PF_AF_INET, .plen = 24, .addr = {.b = {192, 0, 2, 254}}}}},
};

const struct pf_iface_list t_ifs = {ifs, T_NIFS};
