/* SPDX-License-Identifier: BSD-2-Clause */
/* /pf/info, /pf/states, /pf/rules: the stateful filter (tel_pf.c). */
#ifndef TEL_PF_H
#define TEL_PF_H

struct rtr;

/* Registers the /pf commands when the router has a filter; 0 or a negative errno. */
int rtr_telemetry_pf_register(struct rtr *r);

#endif /* TEL_PF_H */
