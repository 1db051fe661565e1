/* SPDX-License-Identifier: BSD-2-Clause */
/* Name tables of pfsync_proto.h, generated from its X-macros. */
#include "pfsync_proto.h"

static const char *const act_names[PFSYNC_ACT_MAX] = {
#define X(e, v, n, l, len) [v] = #n,
    PFSYNC_ACTIONS(X)
#undef X
};

static const char *const act_labels[PFSYNC_ACT_MAX] = {
#define X(e, v, n, l, len) [v] = l,
    PFSYNC_ACTIONS(X)
#undef X
};

static const unsigned short act_lens[PFSYNC_ACT_MAX] = {
#define X(e, v, n, l, len) [v] = len,
    PFSYNC_ACTIONS(X)
#undef X
};

static const char *const timeout_names[PFTM_MAX] = {
#define X(e, n, s) [PFTM_##e] = n,
    PFSYNC_TIMEOUTS(X)
#undef X
};

static const char *const tcp_state_names[] = {
#define X(e, n) [PFSYNC_TCPS_##e] = n,
    PFSYNC_TCP_STATES(X)
#undef X
};

/* PFUDPS_* and PFOTHERS_* share the same three levels. */
static const char *const other_state_names[] = {"NO_TRAFFIC", "SINGLE", "MULTIPLE"};

const char *pfsync_act_name(unsigned act)
{
	return act < PFSYNC_ACT_MAX ? act_names[act] : "?";
}

const char *pfsync_act_label(unsigned act)
{
	return act < PFSYNC_ACT_MAX ? act_labels[act] : "?";
}

unsigned pfsync_act_len(unsigned act)
{
	return act < PFSYNC_ACT_MAX ? act_lens[act] : 0;
}

const char *pfsync_timeout_name(unsigned t)
{
	return t < PFTM_MAX ? timeout_names[t] : "?";
}

const char *pfsync_peer_state_name(uint8_t proto, uint8_t state)
{
	if (proto == PFSYNC_IPPROTO_TCP)
		return state <= PFSYNC_PEER_STATE_MAX ? tcp_state_names[state] : "?";
	return state < 3 ? other_state_names[state] : "?";
}
