/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The control lcore (contract sections 2, 4, 5, 6): the one thread that
 * drives lib/carp. It owns the carp_host and its carp interfaces, receives
 * the adverts workers copy into the CARP ring, runs the timers, transmits
 * adverts and gratuitous ARP on each carpdev's control tx path, programs
 * the vMAC filters, tracks links, answers runtime control requests, queues
 * state-change hooks, and publishes what the fast path and telemetry read.
 *
 * Life cycle (main thread): ctl_create after rtr_dataplane_create and before
 * the workers launch (registers the VIPs with lib/fwd, creates the rings,
 * starts the hook thread); ctl_start after the ports start (launches
 * ctl_main on the control lcore); on SIGINT/SIGTERM ctl_stop BEFORE the
 * workers stop (every carp interface goes down: MASTERs bow out, the frames
 * are flushed), then ctl_destroy after the data plane is down.
 *
 * Sharing, field by field: see the comments in struct ctl. The control
 * lcore is the only writer of everything CARP; the fast path reads the
 * carp_balance objects (through lib/fwd's VIP table); telemetry threads read
 * the carp_view cells of lib/carp, the sequence-locked `pub` cells and the
 * relaxed counters here, and the configuration (immutable once running).
 */
#ifndef CTL_H
#define CTL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "carp_host.h"
#include "carp_seq.h"
#include "cfg.h"
#include "ctl_hook.h"
#include "ctl_loop.h"
#include "ctl_reload.h"
#include "ctl_req.h"
#include "ctl_vmac.h"

struct rtr;
struct rte_ring;

/* Per carpdev, as telemetry reads it (published by the control lcore). */
struct ctl_port_pub {
	uint8_t promisc, allmulti, n_uc, n_mc;
	uint8_t pad[4];
	uint64_t flips, flip_last_us, flip_max_us;
	uint8_t uc[16][6]; /* first 16 unicast vMACs in the filter (or covered) */
	uint8_t mc[16][6]; /* first 16 multicast MACs subscribed */
};

struct ctl_port {
	uint16_t port_id;          /* immutable */
	int cfg_port;              /* index in cfg.ports; immutable */
	uint8_t mac[6];            /* immutable */
	bool lsc;                  /* PMD raises LSC interrupts; immutable */
	unsigned int if_index;     /* kernel interface behind the port (af_packet,
	                            * tap), 0 if none; immutable */
	_Atomic bool lsc_event;    /* set by the LSC callback, cleared by ctl */
	bool link_up;              /* control lcore */
	struct ctl_vmac_port vmac; /* control lcore */
	_Atomic uint32_t pub_seq;  /* control lcore writes, telemetry reads */
	_Atomic uint64_t pub_w[CARP_SEQ_WORDS(struct ctl_port_pub)];
};

struct ctl_if {
	struct carp_if ifc;      /* lib/carp: see carp_if.h for its readers */
	int cfg_if;              /* index in cfg.carp.ifs; immutable */
	unsigned int port;       /* index in ctl.ports; immutable */
	char hook[CFG_HOOK_LEN]; /* resolved hook path, "" none; immutable */
	uint64_t fwd_word;       /* last (mask, running) given to lib/fwd; ctl */
	/* Per node (carp_if order): written by ctl, read relaxed by telemetry. */
	_Atomic uint32_t master_addr[CARP_MAX_NODES]; /* src of the last advert heard */
	_Atomic uint8_t prev_state[CARP_MAX_NODES];   /* state before the last change */
};

/* Host-wide status for /carp/stats and /carp/groups. */
struct ctl_host_pub {
	struct carp_groups groups;
	struct carp_stats stats;
};

/* Counters of the app side (relaxed; control lcore or hook thread write). */
#define CTL_COUNTERS(X)                                                                            \
	X(adv_tx, "advertisements handed to the carpdev's tx path")                                \
	X(adv_tx_errors, "advertisements that could not be sent (no mbuf, tx full, no peer MAC)")  \
	X(garp_tx, "gratuitous ARP frames sent")                                                   \
	X(garp_tx_errors, "gratuitous ARP frames that could not be sent")                          \
	X(arp_peer_requests, "ARP requests for an unresolved carppeer")                            \
	X(actions_dropped, "lib/carp actions lost to a full action list")                          \
	X(requests, "runtime control requests applied")                                            \
	X(replies_lost, "replies the reply ring could not take")                                   \
	X(ring_msgs, "CARP packets dequeued from the workers' ring")                               \
	X(na_ignored, "IPv6 neighbour advertisements asked for (IPv6 not routed)")

enum ctl_counter {
#define X(n, d) CTL_CNT_##n,
	CTL_COUNTERS(X)
#undef X
	    CTL_CNT__COUNT
};

struct ctl {
	const struct rtr *r;   /* immutable while ctl exists */
	unsigned int lcore;    /* the control lcore */
	struct carp_host host; /* control lcore only (after ctl_start) */
	unsigned int n_ifs, n_ports;
	struct ctl_if ifs[CARP_MAX_IFS];
	struct ctl_port ports[CARP_MAX_IFS];
	struct rte_ring *carp_ring;           /* workers -> ctl (fwd_punt_msg, kind CARP) */
	struct rte_ring *req_ring, *rep_ring; /* telemetry <-> ctl */
	struct ctl_hooks hooks;
	_Atomic bool stop;    /* main thread -> ctl */
	_Atomic bool running; /* ctl_main entered and not yet returned */
	bool launched;        /* main thread */
	uint64_t tsc_hz, tsc0;
	/* Control lcore private: */
	struct ctl_loop loop; /* its event sources and timers (ctl_loop.h) */
	uint64_t deadline;   /* next carp_host_timeout, us */
	uint64_t boot_until; /* end of the boot interlock, us; 0 once done */
	uint64_t next_link_poll;
	int ifreq_fd; /* AF_INET socket for SIOCGIFFLAGS, -1 if none */
	uint64_t peer_arp_at[CARP_MAX_IFS];
	unsigned int log; /* net.inet.carp.log */
	struct carp_actions acts;
	struct carp_action *act_buf;
	struct ctl_reload_plan plan; /* main thread stages, control lcore applies (ctl_reload.h) */
	/* Published: */
	_Atomic uint32_t host_seq;
	_Atomic uint64_t host_w[CARP_SEQ_WORDS(struct ctl_host_pub)];
	_Atomic uint64_t cnt[CTL_CNT__COUNT];
	/* How late carp_host_timeout ran after its deadline (timer jitter,
	 * USERS #6), us; control lcore writes, telemetry reads relaxed. */
	_Atomic uint64_t late_us_last, late_us_max;
	/* pfsync's demotion of group carp (ctl_pfsync.c): the sync context
	 * stores what it holds, the control lcore applies the difference. */
	_Atomic uint32_t pfsync_want;
	uint32_t pfsync_have; /* control lcore only */
};

/* ---- main thread ---- */
/* NULL (nothing to do) when the configuration has no carp interface; on
 * error NULL with *err set (negative errno), logged. */
struct ctl *ctl_create(const struct rtr *r, int *err);
int ctl_start(struct ctl *c);
/* Bring every carp interface down, flush, join the control lcore. Idempotent. */
void ctl_stop(struct ctl *c);
void ctl_destroy(struct ctl *c);

/* ---- any thread ---- */
/* Monotonic microseconds from the TSC (the clock lib/carp runs on). */
uint64_t ctl_now_us(const struct ctl *c);
const char *ctl_counter_name(enum ctl_counter k);
/* The carp interface named name, or NULL (names are immutable while c lives). */
struct ctl_if *ctl_if_find(struct ctl *c, const char *name);
/* The configured name of carpdev p. */
const char *ctl_port_name(const struct ctl *c, const struct ctl_port *p);
/* Copy the published port / host status. false if it kept changing. */
bool ctl_port_read(struct ctl_port *p, struct ctl_port_pub *out);
bool ctl_host_read(struct ctl *c, struct ctl_host_pub *out);
/* Telemetry write commands: submit and wait (1 s) for the control lcore's
 * answer. 0, or negative errno with a message in reply->msg. */
int ctl_request(struct ctl *c, struct ctl_req *req, struct ctl_req_reply *reply);
/* pfsync holds this demotion of group carp now (0, 1, 32, 33); c may be NULL. */
void ctl_pfsync_demote(struct ctl *c, unsigned int value);

/* ---- control lcore internals (ctl_*.c) ---- */
int ctl_main(void *arg);
void ctl_exec(struct ctl *c, uint64_t now);    /* run and clear c->acts */
void ctl_publish(struct ctl *c, uint64_t now); /* fast path + telemetry */
void ctl_port_publish(struct ctl_port *p);
void ctl_link_init(struct ctl *c, uint64_t now); /* LSC callbacks, first read */
void ctl_link_poll(struct ctl *c, uint64_t now); /* events, 100 ms polling, boot */
void ctl_link_fini(struct ctl *c);
void ctl_req_serve(struct ctl *c, uint64_t now); /* drain the request ring */
unsigned int ctl_pfsync_serve(void *c, uint64_t now); /* loop source: pfsync's demotion */
void ctl_vmac_subscribe_group(struct ctl *c, uint64_t now);
void ctl_vmac_apply(struct ctl *c, struct ctl_port *p, const uint8_t mac[6], bool multicast,
                    bool add);
void ctl_hook_log_line(void *arg, const struct ctl_hook_event *ev, const char *line);
void ctl_hook_log_done(void *arg, const struct ctl_hook_event *ev,
                       const struct ctl_hook_result *res);

static inline void ctl_count(struct ctl *c, enum ctl_counter k, uint64_t n)
{
	atomic_fetch_add_explicit(&c->cnt[k], n, memory_order_relaxed);
}

#endif /* CTL_H */
