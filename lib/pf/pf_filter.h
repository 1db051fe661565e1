/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The packet path as pf_test() does it, on a byte buffer: parse, skip
 * `set skip` interfaces, look the state up (pf_reftable), track it (TCP
 * windows, pseudo states, ICMP errors against the quoted connection),
 * translate; with no state, evaluate the rules (pf_eval), create the state
 * with its NAT mapping and translate. Returns the verdict and the reason.
 *
 * This is the reference of what the DPDK filter does per packet and the
 * fuzz target's subject; the fast path does the same steps with rte_hash
 * and rte_acl (pf_acl.h) instead of pf_reftable and pf_eval.
 *
 * Differences from OpenBSD kept on purpose (docs/filter.md): no fragment
 * reassembly (later fragments are matched on IP fields, never create or
 * follow states, and are not translated), no synproxy/modulate/scrub, no
 * RSTs or ICMP sent (the result says when pf would send one).
 */
#ifndef PF_FILTER_H
#define PF_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "pf_eval.h"
#include "pf_nat.h"
#include "pf_reftable.h"
#include "pf_rule.h"
#include "pf_statetab.h"
#include "pf_status.h"
#include "pf_tcp.h"

/*
 * A classifier that answers as pf_eval() does (the fast path's rte_acl over
 * pf_acl_expand()'s primitives); it counts evaluations itself, if at all.
 */
typedef void (*pf_classify_fn)(void *ctx, const struct pf_pkt_meta *m, struct pf_eval_result *res);

struct pf_filter {
	const struct pf_ruleset *rs;
	pf_classify_fn classify; /* NULL: pf_eval(), counting evaluations */
	void *classify_ctx;
	struct pf_statetab tab;
	struct pf_reftable ht;
	const struct pf_portset *reserved; /* NAT ports not to use (pfsync peer), may be NULL */
	uint64_t rng;
	/* Called as a state leaves the table (expiry, replaced, reused), not for
	 * pf_filter_peer_remove (pf_sync.h): pfsync's delete event. May be NULL. */
	void (*on_remove)(void *ctx, const struct pf_state *st);
	void *on_remove_ctx;
};

enum pf_via {
	PF_VIA_PARSE,  /* dropped by the parser */
	PF_VIA_NOT_IP, /* not IP: not filtered */
	PF_VIA_SKIP,   /* set skip on this interface */
	PF_VIA_STATE,  /* matched a state */
	PF_VIA_RULES,  /* decided by the rules (and maybe created a state) */
};

struct pf_result {
	uint8_t action;        /* PF_PASS or PF_DROP */
	uint8_t via;           /* enum pf_via */
	enum pf_reason reason; /* why dropped; PF_REASON_MATCH when rules decided */
	int32_t rule;          /* deciding rule, or the state's rule; -1: default */
	uint32_t slot;         /* the state, PF_SLOT_NONE if none */
	uint8_t created;
	uint8_t translated;
	enum pf_tcp_reason tcp;          /* the tracker's verdict for TCP packets of a state */
	uint8_t send_rst, challenge_ack; /* what pf would have sent */
};

/*
 * Storage: nslots states, nents key entries (a power of two, at least
 * 8/3 of nslots so both keys of every state fit). hostid is the
 * creatorid of states made here (non-zero); seed drives NAT port choice.
 */
int pf_filter_init(struct pf_filter *f, struct pf_slot *slots, uint32_t nslots,
                   struct pf_refent *ents, uint32_t nents, uint32_t hostid, uint64_t seed);
/* Use a ruleset (generation gen); states are kept. */
void pf_filter_set_ruleset(struct pf_filter *f, const struct pf_ruleset *rs, uint32_t gen);

/* One packet of direction dir on interface ifindex at time now (seconds). */
void pf_filter_packet(struct pf_filter *f, uint16_t ifindex, uint8_t dir, uint8_t *frame,
                      size_t len, bool ether, uint32_t now, struct pf_result *res);

/* Remove up to max expired states; returns how many. */
unsigned pf_filter_purge(struct pf_filter *f, uint32_t now, unsigned max);

/* The state a key would find for lookups of dir (tests, kill by address). */
uint32_t pf_filter_find(struct pf_filter *f, const struct pf_state_key *k, uint8_t dir);

#endif /* PF_FILTER_H */
