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

struct cfg_port {
	char name[CFG_NAME_LEN];
	char device[CFG_DEVICE_LEN]; /* DPDK device name: vdev name or PCI address */
	uint16_t rx_queues;
	uint16_t rx_desc;
	uint16_t tx_desc;
	uint16_t mtu;
	unsigned int n_addrs;
	struct cfg_ifaddr addrs[CFG_PORT_ADDRS_MAX];
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

struct cfg_tables {
	uint32_t routes;     /* rte_lpm max_rules (static + 2 per address) */
	uint32_t neighbours; /* neighbour hash entries */
	uint32_t mbufs;      /* mbufs in the packet pool; 0: cfg_mbufs_needed() */
};

struct cfg {
	const char *path; /* as given by the user; prefixes every message */
	void *tree;       /* config_t: keeps cfg_loc.file strings alive */

	uint8_t log_level; /* RTE_LOG_* value */
	struct cfg_loc log_level_loc;
	enum cfg_polling polling;
	uint32_t idle_polls;   /* adaptive: empty polls before sleeping */
	uint32_t sleep_max_us; /* adaptive: longest sleep when idle */

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

/* Cross-object checks on parsed structs; pure. Returns 0 or -EINVAL. */
int cfg_validate(struct cfg *cfg, struct cfg_errors *errs);

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

/* Index of the port named name, or -1. */
int cfg_port_find(const struct cfg *cfg, const char *name);

#endif /* RTR_CFG_H */
