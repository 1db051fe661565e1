/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Runtime control requests (contract section 6): the telemetry write
 * commands become fixed-size requests that reach the control lcore through
 * an rte_ring; the control lcore applies them with lib/carp and answers
 * through a reply ring; the telemetry handler waits for its answer (1 s at
 * most) and returns {"result": "ok"} or {"error": "..."}.
 *
 *   /carp/demote,GROUP,DELTA          DELTA +N or -N (N 0-255), like
 *                                     `ifconfig -g GROUP carpdemote N`
 *   /carp/state,IFACE,VHID,master|backup
 *   /carp/advskew,IFACE,VHID,N        N 0-254
 */
#ifndef CTL_REQ_H
#define CTL_REQ_H

#include <stdbool.h>
#include <stdint.h>

#define CTL_REQ_ERR_MAX 160

#define CTL_REQ_OPS(X)                                                                             \
	X(DEMOTE, "demote", "GROUP,DELTA")                                                         \
	X(STATE, "state", "IFACE,VHID,master|backup")                                              \
	X(ADVSKEW, "advskew", "IFACE,VHID,N")

enum ctl_req_op {
#define X(e, n, u) CTL_REQ_##e,
	CTL_REQ_OPS(X)
#undef X
	    CTL_REQ__COUNT
};

/* Fixed size: copied through the ring, no pointers. */
struct ctl_req {
	uint32_t seq;
	uint8_t op;    /* enum ctl_req_op */
	uint8_t vhid;  /* STATE, ADVSKEW */
	char name[16]; /* group (DEMOTE) or carp interface */
	int32_t value; /* DEMOTE delta; STATE 1 master / 0 backup; ADVSKEW 0-254 */
};

struct ctl_req_reply {
	uint32_t seq;
	int32_t err;               /* 0 or negative errno */
	int32_t value;             /* DEMOTE: the group's counter after the change */
	char msg[CTL_REQ_ERR_MAX]; /* error text when err != 0 */
};

const char *ctl_req_op_name(enum ctl_req_op op);

/* Does params hold only bytes that telemetry may echo and a name or number
 * may contain: letters, digits, '_', '.', '+', '-' and ','? false for NULL.
 * DPDK 22.11 copies reply strings into its JSON unescaped: an echoed
 * non-ASCII, control, quote or backslash byte made the reply invalid. */
bool ctl_req_params_safe(const char *params);

/* Parse the parameters of /carp/<op> into *req (seq left 0). Pure. Returns
 * 0, or -EINVAL with a message in err, e.g. "usage: /carp/state,IFACE,VHID,
 * master|backup" or "vhid 300 out of range 1-255". Parameters that are not
 * ctl_req_params_safe (whitespace included, wherever it is) are refused
 * first, without echoing them. */
int ctl_req_parse(enum ctl_req_op op, const char *params, struct ctl_req *req, char *err,
                  unsigned int errlen);

#endif /* CTL_REQ_H */
