/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The filter section -> lib/fwd's filter stage: the ruleset cfg_validate
 * parsed, one state table per worker, each DPDK port mapped to the rule
 * interface id of its config port (its index, cfg_filter.c).
 */
#include <string.h>

#include <rte_lcore.h>
#include <rte_random.h>

#include "fwd_filter.h"
#include "pf_rule.h"
#include "rtr.h"
#include "rtr_log.h"

int rtr_filter_create(struct rtr *r)
{
	const struct cfg_filter *cf = &r->cfg.filter;
	struct fwd_filter_conf c = {.rs = cf->rs,
	                            .n_workers = r->n_workers,
	                            .hostid = (uint32_t)rte_rand() | 1,
	                            .seed = rte_rand(),
	                            .socket = (int)rte_socket_id()};
	uint64_t slots;
	struct pf_status st;
	int err;

	if (cf->rs == NULL)
		return 0;
	for (unsigned int i = 0; i < FWD_MAX_PORTS; i++)
		c.ifid[i] = PF_IF_ANY;
	for (unsigned int i = 0; i < r->cfg.n_ports; i++)
		c.ifid[r->port_ids[i]] = (uint16_t)i;
	r->pf = fwd_filter_create(&c, &err);
	if (r->pf == NULL) {
		RTR_LOG(app, ERR, "filter %s: %s", cf->rules, strerror(-err));
		return err;
	}
	fwd_filter_attach(r->ctx, r->pf);
	fwd_filter_status(r->pf, &st, &slots);
	RTR_LOG(app, INFO, "filter %s: %u rules, %llu states in %u worker tables", cf->rules,
	        cf->rs->nrules, (unsigned long long)slots, r->n_workers);
	return 0;
}

void rtr_filter_destroy(struct rtr *r)
{
	fwd_filter_destroy(r->pf);
	r->pf = NULL;
}
