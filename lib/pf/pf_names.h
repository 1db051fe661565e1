/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The protocol and service names pf.conf accepts. OpenBSD's pfctl asks
 * getprotobyname(3) and getservbyname(3); lib/pf is pure and must give the
 * same answer on every machine, so it carries its own tables (the entries
 * of OpenBSD's /etc/protocols and /etc/services that firewall rules use,
 * plus carp 112 and pfsync 240). docs/filter.md lists them.
 */
#ifndef PF_NAMES_H
#define PF_NAMES_H

#include <stdbool.h>
#include <stdint.h>

/* Protocol number for a name ("tcp", "carp", "icmp6", ...); -1 if unknown. */
int pf_proto_byname(const char *name);
/* Canonical name of a protocol number, or NULL. */
const char *pf_proto_name(uint8_t proto);

/* Port (host order) of a service name ("ssh", "https", ...); -1 if unknown. */
int pf_service_byname(const char *name);

/* Iterate the service table (for docs and tests): NULL past the end. */
const char *pf_service_at(unsigned i, uint16_t *port);

#endif /* PF_NAMES_H */
