/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync's demotion of group carp (ledger source pfsync): the sync context
 * (main thread) publishes the total it holds, never a delta, so nothing is
 * lost or counted twice whatever the timing; the control lcore moves the
 * ledger entry to it between its other duties. The sync context never
 * waits for the control lcore (issue 12: never delay CARP, nor be delayed).
 */
#include "carp_host.h"
#include "ctl.h"
#include "rtr_log.h"

void ctl_pfsync_demote(struct ctl *c, unsigned int value)
{
	if (c != NULL)
		atomic_store_explicit(&c->pfsync_want, value, memory_order_release);
}

unsigned int ctl_pfsync_serve(void *arg, uint64_t now)
{
	struct ctl *c = arg;
	uint32_t want = atomic_load_explicit(&c->pfsync_want, memory_order_acquire);
	int delta = (int)want - (int)c->pfsync_have;

	if (delta == 0)
		return 0;
	if (carp_host_demote(&c->host, now, CARP_DEFAULT_GROUP, delta, CARP_DEMOTE_PFSYNC,
	                     &c->acts) < 0)
		return 0;
	c->pfsync_have = want;
	RTR_LOG(carp, NOTICE, "group %s: pfsync demotion %+d, pfsync holds %u", CARP_DEFAULT_GROUP,
	        delta, want);
	ctl_exec(c, now);
	return 1;
}
