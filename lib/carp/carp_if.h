/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A carp interface (OpenBSD carpN): one carpdev (parent port), a set of
 * virtual addresses, a passphrase, advbase, and 1..32 carpnodes
 * (vhid:advskew) each running its own state machine; nodes are sorted by
 * vhid and the first is the leader. Balancing modes and virtual MACs follow
 * spec 7.2. Driven through struct carp_host (carp_host.h), which owns the
 * clock-free timers, demotion and counters.
 *
 * Ownership: the control lcore is the only writer of everything here. The
 * fast path reads only `bal` (carp_balance.h) through carp_if_balance(),
 * telemetry threads only `view` (carp_view.h).
 */
#ifndef CARP_IF_H
#define CARP_IF_H

#include <stdbool.h>
#include <stdint.h>

#include "carp_action.h"
#include "carp_auth.h"
#include "carp_balance.h"
#include "carp_demote.h"
#include "carp_fsm.h"
#include "carp_stats.h"
#include "carp_view.h"

#define CARP_IF_NAME_MAX   16
#define CARP_IF_MAX_GROUPS 4 /* user groups besides "carp" */

/* Random source (the app passes e.g. rte_rand; tests a seeded PRNG). */
typedef uint64_t (*carp_random_fn)(void *arg);

/*
 * What a carp interface uses of the host it is attached to, handed over by
 * carp_host_attach (struct carp_host owns it): the global carpstats it adds
 * to, the groups its demotion sums, the random source, the preempt switch
 * and the host's next deadline. carp_if knows this, not struct carp_host.
 */
struct carp_if_env {
	struct carp_stats *stats;
	const struct carp_groups *groups;
	const bool *preempt;
	carp_random_fn random;
	void *random_arg;
	uint64_t (*next_deadline)(const void *host);
	const void *host; /* the argument of next_deadline */
};

struct carp_node {
	uint8_t vhid;    /* 1..255, unique on the carpdev */
	uint8_t advskew; /* 0..254 */
};

struct carp_if_config {
	char name[CARP_IF_NAME_MAX]; /* "carp0" */
	uint16_t carpdev;            /* parent port id (opaque here) */
	uint8_t parent_mac[6];       /* carpdev's real MAC */
	uint8_t advbase;             /* 0..254 seconds (default 1) */
	unsigned n_nodes;
	struct carp_node nodes[CARP_MAX_NODES]; /* any order */
	bool balancing_set;                     /* else: none for 1 node, ip for more */
	enum carp_balancing balancing;
	struct carp_key key;
	struct carp_addr_list addrs; /* virtual IPv4/IPv6 addresses */
	bool lladdr_set;             /* administrator-set carp MAC */
	uint8_t lladdr[6];
	bool peer4_set; /* carppeer: unicast IPv4 adverts */
	uint8_t peer4[4];
	bool peer6_set; /* unicast IPv6 peer */
	uint8_t peer6[16];
	bool peer_mac_set; /* static MAC of the unicast peer */
	uint8_t peer_mac[6];
	uint8_t src4[4];  /* advert source: a carpdev address
	                   * (0.0.0.0: first virtual IPv4) */
	uint8_t src6[16]; /* advert source, link-local (:: =
	                   * first virtual IPv6) */
	unsigned n_groups;
	char groups[CARP_IF_MAX_GROUPS][CARP_GROUP_NAME_MAX];
	bool admin_down; /* created down */
};

/* One vhid (OpenBSD vhost entry). */
struct carp_vhost {
	uint8_t vhid, advskew;
	uint8_t state;       /* enum carp_state */
	uint8_t reason;      /* enum carp_reason of the last change */
	uint64_t counter;    /* our constant replay cookie */
	uint64_t ad_at;      /* next advertisement (MASTER) */
	uint64_t md_at[2];   /* master-down, [0] IPv4 [1] IPv6 */
	uint64_t changed_at; /* time of the last state change */
	uint64_t last_garp_at;
	int delayed_arp; /* adverts until the repeat GARP, -1 off */
	uint64_t transitions;
	uint64_t garps; /* GARP rounds (takeover/repeat/re-announce) */
	uint64_t reannounces;
	struct carp_auth auth;
};

struct carp_if {
	struct carp_if_config cfg; /* nodes sorted by vhid */
	struct carp_if_env *env;   /* set by carp_host_attach, NULL when detached */
	enum carp_balancing mode;  /* effective */
	uint8_t mac[6];            /* carp interface MAC */
	bool lladdr_hashed;        /* spec 2.3 rule 5 applies */
	unsigned nvh;
	struct carp_vhost vh[CARP_MAX_NODES];
	bool admin_up;
	bool link_up;    /* carpdev carrier */
	bool suppressed; /* link demotion applied */
	bool enabled;    /* vMACs installed */
	unsigned n_groups;
	uint8_t group_idx[CARP_IF_MAX_GROUPS + 1]; /* [0] = "carp" */
	unsigned sendad_errors, sendad_success;
	struct carp_stats stats;    /* this interface's share of carpstats */
	struct carp_balance bal;    /* published to the fast path */
	struct carp_view_cell view; /* published to telemetry threads */
	bool view_behind;           /* a drop counted since view was published */
};

/* Validate `cfg` and prepare `ifc` (allocates the libcrypto contexts; the
 * only allocation). Returns 0, or -EINVAL with a message in err ("carp0
 * vhid 12: advskew 255 out of range 0-254"), -ENOMEM, -EIO. */
int carp_if_init(struct carp_if *ifc, const struct carp_if_config *cfg, char *err, unsigned errlen);
void carp_if_fini(struct carp_if *ifc);

/* A new passphrase key for every node (reload): the HMAC contexts are
 * prepared again; states, timers and counters are kept. Refused with
 * -EOPNOTSUPP on an arp-balancing interface, whose fast path hashes with
 * the key; -EIO on a libcrypto error (the node's adverts then fail). */
int carp_if_set_key(struct carp_if *ifc, const struct carp_key *key);

/* Administrative operations. vhid 0 = every node of the interface. */
#define CARP_ADMIN_OPS(X)                                                                          \
	X(UP, "up")                                                                                \
	X(DOWN, "down") /* bow-out from MASTER, then INIT */                                       \
	X(FORCE_MASTER, "state-master")                                                            \
	X(FORCE_BACKUP, "state-backup")                                                            \
	X(SET_ADVSKEW, "advskew") /* value = new advskew 0..254 */                                 \
	X(SET_ADVBASE, "advbase") /* value = new advbase 0..254 */

enum carp_admin_op {
#define X(e, n) CARP_ADMIN_##e,
	CARP_ADMIN_OPS(X)
#undef X
	    CARP_ADMIN__COUNT
};

/* Returns 0, -ENOENT (no such vhid), -EINVAL (value out of range), -ENXIO
 * (not attached to a host). */
int carp_if_admin(struct carp_if *ifc, uint64_t now, enum carp_admin_op op, uint8_t vhid,
                  unsigned value, struct carp_actions *out);

/* Earliest armed timer of this interface, CARP_NEVER if none. */
uint64_t carp_if_next_deadline(const struct carp_if *ifc);

/* The demote byte this interface advertises now (sum over its groups). */
uint8_t carp_if_demote(const struct carp_if *ifc);

/* Node by vhid, or NULL. */
const struct carp_vhost *carp_if_vhost(const struct carp_if *ifc, uint8_t vhid);

/* Published master mask for the fast path. */
static inline const struct carp_balance *carp_if_balance(const struct carp_if *ifc)
{
	return &ifc->bal;
}

/* Is this carp interface running (admin up, link up, has addresses)? */
bool carp_if_running(const struct carp_if *ifc);

#endif /* CARP_IF_H */
