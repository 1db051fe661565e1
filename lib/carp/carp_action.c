/* SPDX-License-Identifier: BSD-2-Clause */
/* Action list over caller storage and the GARP frame: see carp_action.h. */
#include "carp_action.h"

#include <errno.h>
#include <string.h>

static const char *const act_names[] = {
#define X(e, n, d) [CARP_ACT_##e] = #n,
    CARP_ACTIONS(X)
#undef X
};

static const char *const garp_names[] = {
#define X(e, n, d) [CARP_GARP_##e] = #n,
    CARP_GARP_REASONS(X)
#undef X
};

const char *carp_action_name(enum carp_action_type t)
{
	return (unsigned)t < CARP_ACT__COUNT ? act_names[t] : "?";
}

const char *carp_garp_reason_name(enum carp_garp_reason r)
{
	return (unsigned)r < CARP_GARP__COUNT ? garp_names[r] : "?";
}

void carp_actions_init(struct carp_actions *l, struct carp_action *buf, unsigned cap)
{
	l->a = buf;
	l->cap = buf ? cap : 0;
	l->n = 0;
	l->dropped = 0;
}

void carp_actions_clear(struct carp_actions *l)
{
	l->n = 0;
	l->dropped = 0;
}

struct carp_action *carp_actions_push(struct carp_actions *l, enum carp_action_type t)
{
	struct carp_action *a;

	if (l == NULL)
		return NULL;
	if (l->n >= l->cap) {
		l->dropped++;
		return NULL;
	}
	a = &l->a[l->n++];
	memset(a, 0, sizeof(*a));
	a->type = (uint8_t)t;
	return a;
}

int carp_garp_build(const uint8_t mac[6], const uint8_t ip[4], uint8_t *buf, unsigned cap)
{
	static const uint8_t arp_hdr[8] = {0, 1, 8, 0, 6, 4, 0, 1}; /* request */

	if (cap < 42)
		return -ENOSPC;
	memset(buf, 0xff, 6);
	memcpy(buf + 6, mac, 6);
	buf[12] = 0x08;
	buf[13] = 0x06;
	memcpy(buf + 14, arp_hdr, 8);
	memcpy(buf + 22, mac, 6);
	memcpy(buf + 28, ip, 4);
	memset(buf + 32, 0, 6);
	memcpy(buf + 38, ip, 4);
	return 42;
}
