/* SPDX-License-Identifier: BSD-2-Clause */
/* Private glue between carp_if.c and carp_host.c (not installed, not API). */
#ifndef CARP_INTERNAL_H
#define CARP_INTERNAL_H

#include "carp_if.h" /* not carp_host.h: an interface reaches its host through carp_if_env */

/* INIT -> BACKUP for every node when the interface can run; installs the
 * virtual MACs the first time. */
void carp_if_start(struct carp_if *ifc, uint64_t now, enum carp_reason why,
                   struct carp_actions *out);
/* Every node -> INIT; bow-out adverts from MASTERs first when `bow_out`;
 * virtual MACs removed when `remove_macs`. */
void carp_if_stop(struct carp_if *ifc, uint64_t now, enum carp_reason why, bool bow_out,
                  bool remove_macs, struct carp_actions *out);
/* A validated advertisement for node `v`. */
void carp_if_rx(struct carp_if *ifc, struct carp_vhost *v, uint64_t now, uint8_t family,
                const struct carp_adv *adv, struct carp_actions *out);
/* Fire the timers of this interface that are due. */
void carp_if_timers(struct carp_if *ifc, uint64_t now, struct carp_actions *out);
/* Every MASTER node advertises now (demotion changed). */
void carp_if_advertise_masters(struct carp_if *ifc, uint64_t now, struct carp_actions *out);
/* Publish the master mask and carp_if_running() (carp_balance.h): after
 * every state change and every change of what "running" depends on. */
void carp_if_publish_balance(struct carp_if *ifc);
/* Node with this vhid, or NULL. */
struct carp_vhost *carp_if_find(struct carp_if *ifc, uint8_t vhid);

#endif
