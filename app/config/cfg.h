/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * carp-router configuration as plain structs.
 *
 * libconfig file -> struct cfg (cfg_load, per-section parsers that check type
 * and range of every key) -> cfg_validate (pure cross-object checks) -> the
 * app glue builds lib/fwd tables from it. Nothing here includes DPDK, so the
 * whole pipeline is unit-testable without EAL.
 *
 * Addresses are kept in host byte order (as rte_lpm wants them).
 */
#ifndef RTR_CFG_H
#define RTR_CFG_H

#include <stdbool.h>
#include <stdint.h>

#include "cfg_err.h"

struct ifs_conf;
struct pf_ruleset;
struct pf_iface;

#define CFG_NAME_LEN       16  /* port name, like an interface name */
#define CFG_DEVICE_LEN     64  /* RTE_DEV_NAME_MAX_LEN */
#define CFG_PORTS_MAX      32  /* RTE_MAX_ETHPORTS */
#define CFG_PORT_ADDRS_MAX 8   /* IPv4 addresses per port */
#define CFG_LCORE_MAX      127 /* RTE_MAX_LCORE - 1 */
#define CFG_WORKERS_MAX    (CFG_LCORE_MAX + 1)

/* Polling modes: name, enum suffix. */
#define CFG_POLLING_MODES(X)                                                                       \
	X(busy, BUSY)                                                                              \
	X(adaptive, ADAPTIVE)

enum cfg_polling {
#define CFG_POLLING_ENUM(name, up) CFG_POLLING_##up,
	CFG_POLLING_MODES(CFG_POLLING_ENUM)
#undef CFG_POLLING_ENUM
	    CFG_POLLING_COUNT
};

/* Log levels: name, value. Values are rte_log's RTE_LOG_EMERG..RTE_LOG_DEBUG. */
#define CFG_LOG_LEVELS(X)                                                                          \
	X(emerg, 1)                                                                                \
	X(alert, 2)                                                                                \
	X(crit, 3)                                                                                 \
	X(error, 4)                                                                                \
	X(warning, 5)                                                                              \
	X(notice, 6)                                                                               \
	X(info, 7)                                                                                 \
	X(debug, 8)

/* Where a setting came from, for "FILE:LINE: reason" messages. */
struct cfg_loc {
	const char *file; /* owned by struct cfg (its libconfig tree) */
	int line;
};

struct cfg_ifaddr {
	uint32_t addr; /* host order */
	uint8_t len;   /* prefix length 1-32 */
	struct cfg_loc loc;
};

#define CFG_PORT_ADDRS6_MAX 8 /* global IPv6 addresses per port */

/* An IPv6 address or prefix: 16 bytes in network order (as on the wire). */
struct cfg_ifaddr6 {
	uint8_t addr[16];
	uint8_t len; /* prefix length 1-128 */
	struct cfg_loc loc;
};

struct cfg_port {
	char name[CFG_NAME_LEN];
	char device[CFG_DEVICE_LEN]; /* DPDK device name: vdev name or PCI address */
	uint16_t rx_queues;
	uint16_t rx_desc;
	uint16_t tx_desc;
	uint16_t mtu;
	unsigned int n_addrs;
	struct cfg_ifaddr addrs[CFG_PORT_ADDRS_MAX];
	unsigned int n_addrs6; /* the IPv6 entries of addresses (cfg_inet6.c) */
	struct cfg_ifaddr6 addrs6[CFG_PORT_ADDRS6_MAX];
	bool link_local_set; /* else fe80::/64 + EUI-64 of the port MAC, at start */
	uint8_t link_local[16];
	struct cfg_loc link_local_loc;
	struct cfg_loc loc;        /* the port's group */
	struct cfg_loc device_loc; /* its device key */
};

struct cfg_route {
	uint32_t prefix;              /* host order, host bits clear */
	uint8_t len;                  /* 0-32 */
	uint32_t gateway;             /* host order; 0 when directly connected */
	char port_name[CFG_NAME_LEN]; /* directly connected: the port given */
	int port;                     /* index in cfg.ports, set by cfg_validate */
	struct cfg_loc loc;
};

struct cfg_neigh {
	uint32_t addr; /* host order */
	uint8_t mac[6];
	int port; /* index in cfg.ports, set by cfg_validate from the subnet */
	struct cfg_loc loc;
};

/* routes6 = ( ... ): an IPv6 static route (cfg_routes6.c). */
struct cfg_route6 {
	uint8_t prefix[16]; /* host bits clear */
	uint8_t len;        /* 0-128 */
	bool has_gateway;
	uint8_t gateway[16];          /* global, or link-local with port_name */
	char port_name[CFG_NAME_LEN]; /* connected, or the link of a link-local gateway */
	int port;                     /* index in cfg.ports, set by cfg_validate6 */
	struct cfg_loc loc;
};

/* neighbours6 = ( ... ): a static IPv6 neighbour (cfg_neighs6.c). */
struct cfg_neigh6 {
	uint8_t addr[16];
	uint8_t mac[6];
	char port_name[CFG_NAME_LEN]; /* required for a link-local address */
	int port;                     /* index in cfg.ports, set by cfg_validate6 */
	struct cfg_loc loc;
};

/* --- carp section (OpenBSD carpN vocabulary; see docs/configuration.md) --- */

#define CFG_CARP_IFS_MAX         16 /* CARP_MAX_IFS */
#define CFG_CARP_NODES_MAX       32 /* CARP_MAX_NODES */
#define CFG_CARP_ADDRS_MAX       8  /* virtual IPv4 addresses per carp interface */
#define CFG_CARP_GROUPS_MAX      4  /* CARP_IF_MAX_GROUPS (group "carp" is implicit) */
#define CFG_CARP_GROUP_LEN       16 /* CARP_GROUP_NAME_MAX, with the NUL */
#define CFG_CARP_HOST_GROUPS_MAX 15 /* CARP_MAX_GROUPS - 1: distinct user groups per host */
#define CFG_CARP_PASS_MAX        19 /* CARP_PASSPHRASE_MAX: bytes of the passphrase used */
#define CFG_HOOK_LEN             256
#define CFG_CARP_MCAST_ADDR      0xe0000012u /* 224.0.0.18, the default advert destination */

/* Balancing modes as spelled by OpenBSD's ifconfig: name, enum suffix. Same
 * order as lib/carp's CARP_BALANCING_MODES (checked in cfg_carp_lib.c). */
#define CFG_CARP_BALANCING(X)                                                                      \
	X("none", NONE)                                                                            \
	X("arp", ARP)                                                                              \
	X("ip", IP)                                                                                \
	X("ip-stealth", IP_STEALTH)                                                                \
	X("ip-unicast", IP_UNICAST)

enum cfg_carp_balancing {
#define CFG_CARP_BAL_ENUM(name, up) CFG_CARP_BAL_##up,
	CFG_CARP_BALANCING(CFG_CARP_BAL_ENUM)
#undef CFG_CARP_BAL_ENUM
	    CFG_CARP_BAL_COUNT
};

/* Forced initial state ("state" key): name, enum suffix. */
#define CFG_CARP_STATES(X)                                                                         \
	X("none", NONE)                                                                            \
	X("master", MASTER)                                                                        \
	X("backup", BACKUP)

enum cfg_carp_state {
#define CFG_CARP_STATE_ENUM(name, up) CFG_CARP_STATE_##up,
	CFG_CARP_STATES(CFG_CARP_STATE_ENUM)
#undef CFG_CARP_STATE_ENUM
	    CFG_CARP_STATE_COUNT
};

/* One vhid of a carp interface (OpenBSD carpnode). */
struct cfg_carp_node {
	uint8_t vhid;    /* 1-255, unique on the carpdev */
	uint8_t advskew; /* 0-254 */
};

struct cfg_carp_if {
	char name[CFG_NAME_LEN];    /* "carp0", 1-15 chars, unique */
	char carpdev[CFG_NAME_LEN]; /* a port name */
	int carpdev_port;           /* index in cfg.ports, set by cfg_validate */
	bool carpnodes;             /* given as carpnodes (else vhid + advskew) */
	unsigned int n_nodes;       /* 1 with vhid, 1-32 with carpnodes */
	struct cfg_carp_node nodes[CFG_CARP_NODES_MAX]; /* configuration order */
	uint8_t advbase;                                /* 0-254 s, default 1 */
	bool balancing_set; /* else lib/carp's default: none for 1 node, ip for more */
	enum cfg_carp_balancing balancing;
	uint8_t pass_len;                            /* 0: no passphrase (all-zero key) */
	uint8_t pass[CFG_CARP_PASS_MAX];             /* raw bytes, not NUL-terminated */
	unsigned int n_addrs;                        /* 1-8 */
	struct cfg_ifaddr addrs[CFG_CARP_ADDRS_MAX]; /* virtual addresses, host order */
	bool carppeer_set;                           /* else multicast to 224.0.0.18 */
	uint32_t carppeer;                           /* host order */
	enum cfg_carp_state state;
	unsigned int n_groups; /* user groups besides "carp" */
	char groups[CFG_CARP_GROUPS_MAX][CFG_CARP_GROUP_LEN];
	char hook[CFG_HOOK_LEN]; /* "": the global hook (if any) */
	bool lladdr_set;
	uint8_t lladdr[6];

	struct cfg_loc loc; /* the interface's group */
	struct cfg_loc carpdev_loc, nodes_loc, advbase_loc, balancing_loc, pass_loc, addrs_loc,
	    carppeer_loc, state_loc, groups_loc, hook_loc, lladdr_loc;
};

/* The carp section; globals are OpenBSD's net.inet.carp.* sysctls. */
struct cfg_carp {
	bool present;            /* the file has a carp section */
	bool allow;              /* net.inet.carp.allow, default true */
	bool preempt;            /* net.inet.carp.preempt, default false */
	uint8_t log;             /* net.inet.carp.log 0-7, default 2 */
	bool boot_demote;        /* demote group carp by 128 until every port is up, default true */
	char hook[CFG_HOOK_LEN]; /* global state-change hook, "" none */
	uint32_t hook_timeout_ms; /* 100-60000, default 5000 */
	uint32_t punt_rate;       /* adverts/s per port to the control lcore, 1-10000000 */
	uint32_t punt_burst;      /* 1-65536 */
	unsigned int n_ifs;
	struct cfg_carp_if ifs[CFG_CARP_IFS_MAX];

	struct cfg_loc loc; /* the section */
	struct cfg_loc allow_loc, preempt_loc, log_loc, boot_demote_loc, hook_loc, hook_timeout_loc,
	    interfaces_loc, punt_loc;
};

/* filter = { rules = "pf.conf"; }: the stateful filter (lib/pf, docs/filter.md). */
#define CFG_PATH_LEN      256
#define CFG_PF_IFACES_MAX (CFG_PORTS_MAX + CFG_CARP_IFS_MAX)
#define CFG_PF_CARP_ID0   CFG_PORTS_MAX /* rule interface id of carp interface 0 */

struct cfg_filter {
	bool present;
	char rules[CFG_PATH_LEN]; /* resolved: relative to the config file's directory */
	struct cfg_loc loc, rules_loc;
	struct pf_ruleset *rs; /* parsed by cfg_validate (NULL without a filter) */
	/* What rules may name: port i has id i, carp interface j id CFG_PF_CARP_ID0 + j. */
	unsigned int n_ifaces;
	struct pf_iface *ifaces;
};

/* carp.punt defaults: lib/fwd's FWD_PUNT_RATE_DEFAULT / FWD_PUNT_BURST_DEFAULT
 * (the configuration does not include DPDK headers). */
#define CFG_PUNT_RATE_DEFAULT  50000
#define CFG_PUNT_BURST_DEFAULT 1024

/* pfsync = { syncdev = "sync0"; syncpeer = "..."; maxupd = 128; defer = false; ... }:
 * state synchronisation (lib/pfsync, docs/pfsync.md), OpenBSD's words. */
#define CFG_PFSYNC_KEY_MAX 64 /* bytes (PFSYNC_KEY_MAX) */
#define CFG_PFSYNC_MCAST   0xe00000f0u /* 224.0.0.240, the default syncpeer */

struct cfg_pfsync {
	bool present;
	char syncdev[CFG_NAME_LEN];
	int port;          /* index of syncdev in cfg.ports, set by cfg_pfsync_validate */
	uint32_t src;      /* host order: syncdev's first address, set by validation */
	uint32_t syncpeer; /* host order: 224.0.0.240 unless given */
	uint32_t maxupd;   /* 0-255: TCP updates of a state before it is sent at once */
	bool defer;        /* hold a new state's first packet until the peer acks it */
	uint32_t defer_us; /* at most this long */
	unsigned int auth; /* enum pfsync_auth_mode */
	uint8_t key[2][CFG_PFSYNC_KEY_MAX];
	unsigned int key_len[2]; /* [0] key, [1] key_previous; 0: none */
	struct cfg_loc loc, syncdev_loc, syncpeer_loc, auth_loc;
};

#define CFG_TABLE_DEFAULT 1024 /* routes and neighbours when the file is small */

/* Table sizes. A size left out of the file is sized from it by
 * cfg_validate (at least the default), so a long route list just loads; a
 * size given is checked against the file, the error naming the key's line. */
struct cfg_tables {
	uint32_t routes;     /* rte_lpm max_rules (static + 2 per address) */
	uint32_t neighbours; /* neighbour hash entries (static + learned) */
	uint32_t mbufs;      /* mbufs in the packet pool; 0: cfg_mbufs_needed() */
	bool routes_set, neighbours_set;
	struct cfg_loc routes_loc, neighbours_loc; /* the keys, when set */
};

struct cfg {
	const char *path; /* as given by the user; prefixes every message */
	void *tree;       /* config_t: keeps cfg_loc.file strings alive */

	uint8_t log_level; /* RTE_LOG_* value */
	struct cfg_loc log_level_loc;
	enum cfg_polling polling;
	uint32_t idle_polls;   /* adaptive: empty polls before sleeping */
	uint32_t sleep_max_us; /* adaptive: longest sleep when idle */
	struct cfg_loc polling_loc, idle_polls_loc, sleep_max_loc; /* the keys, when given */

	unsigned int n_workers; /* 0: every enabled lcore except the main one */
	uint16_t workers[CFG_WORKERS_MAX];
	struct cfg_loc workers_loc;

	struct cfg_tables tables;
	struct cfg_loc tables_loc;

	unsigned int n_ports;
	struct cfg_port ports[CFG_PORTS_MAX];
	struct cfg_loc ports_loc;

	unsigned int n_routes;
	struct cfg_route *routes;
	struct cfg_loc routes_loc;

	unsigned int n_neighs;
	struct cfg_neigh *neighs;

	unsigned int n_routes6;
	struct cfg_route6 *routes6;
	struct cfg_loc routes6_loc;
	unsigned int n_neighs6;
	struct cfg_neigh6 *neighs6;
	struct cfg_loc neighs6_loc;

	/* The one lcore that runs CARP (never main, never a worker). Unset: the
	 * first enabled lcore that is neither (cfg_control_lcore_pick). */
	bool control_lcore_set;
	uint16_t control_lcore;
	struct cfg_loc control_lcore_loc;

	struct cfg_carp carp;

	/* ifstated = "PATH": the file, parsed by cfg_validate (NULL without). */
	char ifstated_path[CFG_HOOK_LEN];
	struct cfg_loc ifstated_loc;
	struct ifs_conf *ifstated;

	struct cfg_filter filter;
	struct cfg_pfsync pfsync;

	/* Warnings (--check prints them; the router logs them and starts). */
	struct cfg_errors warnings;
};

/*
 * Parse a configuration file (cfg_load_file) or text (cfg_load_string, for
 * tests; name is used in messages), checking every key's type and range, then
 * run cfg_validate. Returns 0 when valid; otherwise -EINVAL and errs holds
 * the messages. In both cases call cfg_free afterwards.
 */
int cfg_load_file(struct cfg *cfg, const char *path, struct cfg_errors *errs);
int cfg_load_string(struct cfg *cfg, const char *name, const char *text, struct cfg_errors *errs);
void cfg_free(struct cfg *cfg);

/* The ifstated file's share of cfg_validate: parse it, its tests naming
 * ports and carp interfaces. Reads the file; 0 or -EINVAL. */
int cfg_ifstated_validate(struct cfg *cfg, struct cfg_errors *errs);

/* The filter's share of cfg_validate: parse the rules with the ports and
 * carp interfaces as pf interfaces, warn when no rule passes CARP on a
 * carpdev. Reads the file; 0 or -EINVAL. */
int cfg_filter_validate(struct cfg *cfg, struct cfg_errors *errs);
void cfg_filter_free(struct cfg_filter *f);
/* The pfsync section's share of cfg_validate: syncdev a port with an
 * address, the filter present, syncpeer reachable on syncdev. Pure. */
int cfg_pfsync_validate(struct cfg *cfg, struct cfg_errors *errs);
/* Do two pfsync sections configure the same (a reload refuses a change: the
 * sync context is built once)? Locations are not compared. */
bool cfg_pfsync_same(const struct cfg_pfsync *a, const struct cfg_pfsync *b);

/* Cross-object checks on parsed structs; pure. Returns 0 or -EINVAL. */
int cfg_validate(struct cfg *cfg, struct cfg_errors *errs);
/* The IPv6 share of cfg_validate (cfg_validate6.c): sets route6/neigh6 ports. */
int cfg_validate6(struct cfg *cfg, struct cfg_errors *errs);
/* IPv6 routes the fast path holds: static ones + a /128 and a connected route per address. */
uint32_t cfg_routes6_needed(const struct cfg *cfg);
/* The carp section's and control_lcore's share of cfg_validate (sets carpdev_port). */
int cfg_carp_validate(struct cfg *cfg, struct cfg_errors *errs);

/*
 * Checks that depend on the number of worker lcores (known from the file, or
 * from EAL when the file leaves workers out): every worker needs an rx queue
 * to poll; the mbuf pool must fill every ring. Pure; 0 or -EINVAL.
 */
int cfg_check_workers(const struct cfg *cfg, unsigned int n_workers, struct cfg_errors *errs);
/* mbufs the port rings and per-lcore caches hold at most. */
uint32_t cfg_mbufs_needed(const struct cfg *cfg, unsigned int n_workers);

/* Enum <-> string. */
const char *cfg_polling_name(enum cfg_polling p);
const char *cfg_log_level_name(unsigned int level);

const char *cfg_carp_balancing_name(enum cfg_carp_balancing b);
const char *cfg_carp_state_name(enum cfg_carp_state st);

/* Index of the carp interface named name, or -1. */
int cfg_carp_find(const struct cfg *cfg, const char *name);

/*
 * The control lcore once EAL is up (pure: the caller passes what EAL knows):
 * the configured one, which must be enabled, not main_lcore and not one of
 * workers[]; or else the first enabled lcore that is neither. enabled[i]
 * tells whether lcore i is enabled, for i < n_lcores. Returns the lcore id,
 * or -EINVAL with a message in errs.
 */
int cfg_control_lcore_pick(const struct cfg *cfg, unsigned int main_lcore, const bool *enabled,
                           unsigned int n_lcores, const uint16_t *workers, unsigned int n_workers,
                           struct cfg_errors *errs);

/* Index of the port named name, or -1. */
int cfg_port_find(const struct cfg *cfg, const char *name);
/* Index of the port that has addr as one of its own addresses, or -1. */
int cfg_addr_port(const struct cfg *cfg, uint32_t addr);
/* The address of port p whose connected subnet holds addr, or NULL. */
const struct cfg_ifaddr *cfg_port_subnet(const struct cfg_port *p, uint32_t addr);

#endif /* RTR_CFG_H */
