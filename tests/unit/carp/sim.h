/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A simulated clock and an in-memory wire for timeline tests: each host is a
 * real struct carp_host; SEND_ADV frames of one host are delivered to the
 * input of every other live host on the same carpdev (unless the link
 * between them is cut), after `latency` microseconds. Every action is logged
 * with its time so tests assert what happened when.
 */
#ifndef CARP_SIM_H
#define CARP_SIM_H

#include <stdbool.h>
#include <stdint.h>

#include "carp_host.h"

#define SIM_HOSTS 3
#define SIM_IFS   4
#define SIM_QUEUE 2048
#define SIM_LOG   8192
#define SIM_ACTS  512 /* a few hosts with small interfaces */
#define MS(x)     ((uint64_t)(x)*1000u)
#define SEC(x)    ((uint64_t)(x)*1000000u)

struct sim_frame {
	uint64_t at;
	int to;
	uint16_t carpdev;
	uint16_t len;
	uint8_t frame[CARP_FRAME_MAX];
};

struct sim_log {
	uint64_t at;
	int host;
	struct carp_action a;
};

struct sim_host {
	struct carp_host h;
	struct carp_if ifs[SIM_IFS];
	unsigned n_ifs;
	bool dead;    /* powered off: no timers, no input */
	int send_err; /* reported for every SEND_ADV when non-zero */
	uint64_t rng;
};

struct sim {
	uint64_t now;
	uint64_t latency;
	bool echo; /* a switch that reflects frames to the sender */
	unsigned n;
	struct sim_host host[SIM_HOSTS];
	bool cut[SIM_HOSTS][SIM_HOSTS];
	unsigned nq;
	struct sim_frame q[SIM_QUEUE];
	unsigned nlog;
	struct sim_log log[SIM_LOG];
	struct carp_action buf[SIM_ACTS];
};

/* `s` must be static storage (large). */
void sim_init(struct sim *s, unsigned nhosts, bool preempt, bool boot_demote);
/* Release the interfaces of one / of every simulation ever initialised. */
void sim_free(struct sim *s);
void sim_free_all(void);
/* A one-node carp interface config: vhid/advskew, VIP 192.0.2.<100+vhid>,
 * passphrase "simpass", source 192.0.2.<host+1>, parent MAC 02::<host+1>. */
void sim_cfg(struct carp_if_config *c, int host, uint16_t carpdev, uint8_t vhid, uint8_t advskew);
/* carp_if_init + carp_host_attach at s->now; returns the interface. */
struct carp_if *sim_add_if(struct sim *s, int host, const struct carp_if_config *c);
/* Run events (deliveries, deadlines) up to and including time t. */
void sim_run_until(struct sim *s, uint64_t t);
/* Feed an action list produced outside the loop (admin, link, demote). */
void sim_process(struct sim *s, int host, struct carp_actions *a);
struct carp_actions *sim_actions(struct sim *s);
void sim_cut(struct sim *s, int a, int b, bool cut);
/* Frame delivered to `host` now, as if from the wire. */
int sim_inject(struct sim *s, int host, uint16_t carpdev, const uint8_t *f, unsigned len);

enum carp_state sim_state(struct sim *s, int host, unsigned ifi, uint8_t vhid);
/* Time of the first STATE action of host/vhid into `st` at or after t,
 * or CARP_NEVER. */
uint64_t sim_when(struct sim *s, int host, uint8_t vhid, enum carp_state st, uint64_t t);
/* Number of logged actions of a type for host (-1 any) / vhid (0 any) in
 * [t0, t1]. */
unsigned sim_count(struct sim *s, int host, uint8_t vhid, enum carp_action_type type, uint64_t t0,
                   uint64_t t1);
/* The n-th (0-based) logged action of a type for host/vhid, or NULL. */
const struct sim_log *sim_find(struct sim *s, int host, uint8_t vhid, enum carp_action_type type,
                               unsigned n);

#endif
