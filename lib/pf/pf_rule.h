/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A compiled pf ruleset: what pf_parse produces and pf_eval / pf_acl read.
 *
 * Lists in a pf.conf line ({ } of interfaces, protocols, hosts, ports) are
 * expanded into one rule per combination exactly as pfctl does, so rule
 * numbers are the ones `pfctl -sr` shows (@0, @1, ...) and every rule has
 * one interface, one protocol, one source and destination (a prefix, a
 * table or any, each possibly negated) and one port operator per side.
 * Addresses are family-neutral (pf_addr + the rule's af).
 *
 * Interfaces are resolved at parse time through a list the caller gives
 * (ports and carp interfaces by name, each with an id and its addresses):
 * rules carry the id, `(IF)` and `IF:network` become tables of the
 * interface's addresses, `nat-to (IF)` the interface's first address of
 * the rule's family. The library never looks at the system.
 */
#ifndef PF_RULE_H
#define PF_RULE_H

#include <stdbool.h>
#include <stdint.h>

#include "pf_addr.h"
#include "pf_timeout.h"

#define PF_IFNAMSIZ        16 /* IFNAMSIZ, with the NUL */
#define PF_TABLE_NAME_SIZE 32
#define PF_IFACE_MAX_ADDRS 16
#define PF_IF_ANY          0xffff /* rule without `on` */
#define PF_MAX_RULES       65536  /* after list expansion */
#define PF_NAT_PORT_LOW    50001  /* PF_NAT_PROXY_PORT_LOW */
#define PF_NAT_PORT_HIGH   65535
#define PF_ERR_MAX         512 /* room for any "FILE:LINE: reason" */

/* Actions, directions and port operators with pf's names and values. */
enum pf_action { PF_PASS = 0, PF_DROP = 1, PF_MATCH = 2 };
enum pf_dir { PF_INOUT = 0, PF_IN = 1, PF_OUT = 2 };
enum pf_port_op {
	PF_OP_NONE, /* no port condition */
	PF_OP_IRG,  /* a >< b: a < p < b */
	PF_OP_EQ,
	PF_OP_NE,
	PF_OP_LT,
	PF_OP_LE,
	PF_OP_GT,
	PF_OP_GE,
	PF_OP_XRG, /* a <> b: p < a or p > b */
	PF_OP_RRG, /* a:b: a <= p <= b */
};

/* TCP flags (th_flags) as pf.conf letters F S R P A U E W. */
#define PF_TH_FIN 0x01
#define PF_TH_SYN 0x02
#define PF_TH_RST 0x04
#define PF_TH_PSH 0x08
#define PF_TH_ACK 0x10
#define PF_TH_URG 0x20
#define PF_TH_ECE 0x40
#define PF_TH_CWR 0x80

/* Protocol numbers the library treats specially. */
#define PF_PROTO_ICMP   1
#define PF_PROTO_TCP    6
#define PF_PROTO_UDP    17
#define PF_PROTO_ICMP6  58
#define PF_PROTO_CARP   112
#define PF_PROTO_PFSYNC 240

/* pfsync state_flags values (pfvar.h PFSTATE_*), set on states a rule creates. */
#define PFSTATE_ALLOWOPTS 0x0001
#define PFSTATE_SLOPPY    0x0002
#define PFSTATE_PFLOW     0x0004
#define PFSTATE_NOSYNC    0x0008
#define PFSTATE_ACK       0x0010

enum pf_raddr_type {
	PF_RA_ANY,    /* any */
	PF_RA_PREFIX, /* addr/plen in the rule's af */
	PF_RA_TABLE,  /* ruleset->tables[table] */
};

struct pf_rule_port {
	uint8_t op;    /* enum pf_port_op */
	uint16_t a, b; /* host order */
};

struct pf_rule_addr {
	uint8_t type; /* enum pf_raddr_type */
	uint8_t neg;  /* `!`: match when the address is NOT in it */
	uint8_t plen;
	uint16_t table;
	struct pf_addr addr; /* masked to plen */
	struct pf_rule_port port;
};

/* nat-to: one address, a source port range (pf's proxy_port) or static-port. */
struct pf_nat {
	uint8_t set;
	uint8_t static_port; /* keep the source port (pfctl: proxy ports 0) */
	uint16_t port_lo, port_hi;
	struct pf_addr addr;      /* in the rule's af */
	char ifname[PF_IFNAMSIZ]; /* interface the address came from, "" if literal */
};

struct pf_rule {
	uint32_t nr;       /* pfctl -sr number */
	uint32_t line;     /* pf.conf line it came from */
	uint8_t action;    /* enum pf_action */
	uint8_t direction; /* enum pf_dir */
	uint8_t quick;
	uint8_t af;       /* 0 = both */
	uint8_t proto;    /* 0 = any */
	uint8_t ifnot;    /* on ! IF */
	uint16_t ifindex; /* PF_IF_ANY or the interface id */
	char ifname[PF_IFNAMSIZ];
	struct pf_rule_addr src, dst;
	uint8_t flags, flagset; /* TCP only: (th_flags & flagset) == flags */
	uint8_t keep_state;
	uint16_t state_flags;                  /* PFSTATE_SLOPPY / PFSTATE_NOSYNC for its states */
	uint32_t max_states;                   /* 0 = no per-rule limit */
	uint32_t adaptive_start, adaptive_end; /* per rule (from max); 0 = global */
	struct pf_nat nat;
};

struct pf_table_entry {
	uint8_t af, plen, neg; /* neg: `!addr`, excluded from the table */
	struct pf_addr addr;
};

struct pf_table {
	char name[PF_TABLE_NAME_SIZE]; /* "<name>", or "(IF)" for an interface's own */
	uint32_t n;
	struct pf_table_entry *e;
};

/* Per-rule counters (pfctl -vsr): written by whoever evaluates. */
struct pf_rule_stats {
	uint64_t evaluations;
	uint64_t packets[2], bytes[2]; /* [0] in, [1] out (pf_counters_inc) */
	uint64_t states_tot;
	uint32_t states_cur;
};

struct pf_ruleset {
	char *file;
	struct pf_rule *rules;
	struct pf_rule_stats *stats; /* one per rule */
	uint32_t nrules;
	struct pf_table *tables;
	uint32_t ntables;
	uint16_t *skip; /* set skip on: interface ids */
	uint32_t nskip;
	uint32_t timeout[PFTM_MAX]; /* defaults + set timeout (+ adaptive from the limit) */
	uint32_t limit_states;      /* set limit states (PFSTATE_HIWAT by default) */
};

/* The interfaces rules may name: ports and carp interfaces, given by the caller. */
enum pf_iface_kind { PF_IFACE_PORT, PF_IFACE_CARP, PF_IFACE_OTHER };

struct pf_ifaddr {
	uint8_t af, plen;
	struct pf_addr addr;
};

struct pf_iface {
	char name[PF_IFNAMSIZ];
	uint16_t id; /* what packets carry; unique per interface, != PF_IF_ANY */
	uint8_t kind;
	uint8_t naddrs;
	struct pf_ifaddr addrs[PF_IFACE_MAX_ADDRS];
};

struct pf_iface_list {
	const struct pf_iface *v;
	unsigned n;
};

const struct pf_iface *pf_iface_find(const struct pf_iface_list *l, const char *name);
const struct pf_iface *pf_iface_by_id(const struct pf_iface_list *l, uint16_t id);

void pf_ruleset_free(struct pf_ruleset *rs);

/* pf_match_port() of pf.c: does port p (host order) satisfy the operator? */
bool pf_port_match(const struct pf_rule_port *rp, uint16_t p);
/* Table membership as pfr_match_addr: longest prefix wins, a `!` entry excludes. */
bool pf_table_match(const struct pf_table *t, uint8_t af, const struct pf_addr *a);
/* A rule address side against a packet address (negation applied). */
bool pf_rule_addr_match(const struct pf_ruleset *rs, const struct pf_rule *r,
                        const struct pf_rule_addr *ra, uint8_t af, const struct pf_addr *a);
bool pf_skip_iface(const struct pf_ruleset *rs, uint16_t ifindex);

#endif /* PF_RULE_H */
