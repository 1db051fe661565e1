/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * What any thread may ask of the control state (ctl.h, "any thread"): the
 * clock, names, lookups. Apart from ctl_main.c so that the files serving
 * the control lcore's loop (ctl_req.c, ctl_link.c, ...) need nothing from
 * the loop itself.
 */
#include <string.h>

#include <rte_cycles.h>

#include "ctl.h"
#include "rtr.h"

static const char *const counter_names[] = {
#define X(n, d) #n,
    CTL_COUNTERS(X)
#undef X
};

const char *ctl_counter_name(enum ctl_counter k)
{
	return (unsigned int)k < CTL_CNT__COUNT ? counter_names[k] : "?";
}

struct ctl_if *ctl_if_find(struct ctl *c, const char *name)
{
	for (unsigned int i = 0; name != NULL && i < c->n_ifs; i++)
		if (strcmp(c->ifs[i].ifc.cfg.name, name) == 0)
			return &c->ifs[i];
	return NULL;
}

const char *ctl_port_name(const struct ctl *c, const struct ctl_port *p)
{
	return c->r->cfg.ports[p->cfg_port].name;
}

uint64_t ctl_now_us(const struct ctl *c)
{
	uint64_t t = rte_get_tsc_cycles() - c->tsc0;

	/* us = cycles * 1e6 / hz, split so the product never overflows */
	return t / c->tsc_hz * 1000000 + t % c->tsc_hz * 1000000 / c->tsc_hz;
}
