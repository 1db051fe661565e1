/* SPDX-License-Identifier: BSD-2-Clause */
/* The control lcore: set-up from the configuration, its loop, shutdown. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <syslog.h>

#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_random.h>
#include <rte_ring.h>
#include <rte_ring_elem.h>

#include "carp_status.h"
#include "cfg_carp_lib.h"
#include "ctl.h"
#include "ctl_loop.h"
#include "fwd.h"
#include "fwd_punt.h"
#include "fwd_vip.h"
#include "rtr.h"
#include "rtr_log.h"

#define CARP_RING_SIZE 1024
#define REQ_RING_SIZE  16
#define RX_BURST       32
#define IDLE_POLL_US   1000                    /* wake at least this often to poll the rings */
#define ACT_CAP        (4 * CARP_ACTIONS_HINT) /* executing adds send results */
#define FLUSH_US       50000                   /* after the bow-outs: time for the tx path */

static int loop_register(struct ctl *c); /* CARP's entries in the loop, below */

static uint64_t random_fn(void *arg)
{
	(void)arg;
	return rte_rand();
}

static int port_index(struct ctl *c, const struct rtr *r, int cfg_port)
{
	for (unsigned int i = 0; i < c->n_ports; i++)
		if (c->ports[i].cfg_port == cfg_port)
			return (int)i;
	if (c->n_ports >= CARP_MAX_IFS)
		return -ENOSPC;
	struct ctl_port *p = &c->ports[c->n_ports];
	struct rte_eth_dev_info info;
	struct rte_ether_addr ea;

	p->cfg_port = cfg_port;
	p->port_id = r->port_ids[cfg_port];
	if (rte_eth_macaddr_get(p->port_id, &ea) != 0)
		return -ENODEV;
	memcpy(p->mac, ea.addr_bytes, 6);
	memset(&info, 0, sizeof(info));
	p->lsc = rte_eth_dev_info_get(p->port_id, &info) == 0 &&
	         (*info.dev_flags & RTE_ETH_DEV_INTR_LSC) != 0;
	p->if_index = info.if_index;
	ctl_vmac_port_init(&p->vmac, p->port_id);
	return (int)c->n_ports++;
}

static int if_setup(struct ctl *c, const struct rtr *r, unsigned int i)
{
	const struct cfg_carp_if *ci = &r->cfg.carp.ifs[i];
	struct ctl_if *ci_ = &c->ifs[i];
	struct carp_if_config ic;
	struct fwd_vip_conf vc;
	char err[160];
	int pi, ret;

	pi = port_index(c, r, ci->carpdev_port);
	if (pi < 0) {
		RTR_LOG(ctl, ERR, "carp interface \"%s\": carpdev \"%s\": %s", ci->name,
		        ci->carpdev, strerror(-pi));
		return pi;
	}
	ci_->cfg_if = (int)i;
	ci_->port = (unsigned int)pi;
	snprintf(ci_->hook, sizeof(ci_->hook), "%s", ci->hook[0] ? ci->hook : r->cfg.carp.hook);
	ret = cfg_carp_to_if_config(&r->cfg, i, c->ports[pi].port_id, c->ports[pi].mac, &ic);
	if (ret == 0)
		ret = carp_if_init(&ci_->ifc, &ic, err, sizeof(err));
	if (ret < 0) {
		RTR_LOG(ctl, ERR, "carp interface \"%s\": %s", ci->name,
		        ret == -EINVAL ? err : strerror(-ret));
		return ret;
	}
	memset(&vc, 0, sizeof(vc));
	vc.bal = carp_if_balance(&ci_->ifc);
	vc.n_addrs = ci->n_addrs;
	for (unsigned int a = 0; a < ci->n_addrs && a < FWD_VIP_MAX_ADDRS; a++) {
		vc.addr[a] = ci->addrs[a].addr;
		vc.len[a] = ci->addrs[a].len;
	}
	ret = fwd_vip_register(r->ctx, c->ports[pi].port_id, &vc);
	if (ret < 0) {
		RTR_LOG(ctl, ERR, "carp interface \"%s\": fast path registration: %s", ci->name,
		        strerror(-ret));
		carp_if_fini(&ci_->ifc);
		return ret;
	}
	c->n_ifs++;
	return 0;
}

struct ctl *ctl_create(const struct rtr *r, int *err)
{
	struct carp_host_config hc;
	struct fwd_punt_limit punt_limit;
	struct ctl *c;
	int ret;

	*err = 0;
	if (r->cfg.carp.n_ifs == 0)
		return NULL;
	c = calloc(1, sizeof(*c));
	if (c != NULL)
		c->act_buf = calloc(ACT_CAP, sizeof(*c->act_buf));
	if (c == NULL || c->act_buf == NULL) {
		ret = -ENOMEM;
		goto fail;
	}
	c->r = r;
	c->lcore = r->control_lcore;
	c->ifreq_fd = -1;
	c->log = r->cfg.carp.log;
	c->tsc_hz = rte_get_tsc_hz();
	c->tsc0 = rte_get_tsc_cycles();
	carp_actions_init(&c->acts, c->act_buf, ACT_CAP);
	cfg_carp_to_host_config(&r->cfg, &hc);
	hc.random = random_fn;
	ret = carp_host_init(&c->host, &hc);
	for (unsigned int i = 0; ret == 0 && i < r->cfg.carp.n_ifs; i++)
		ret = if_setup(c, r, i);
	if (ret < 0)
		goto fail;
	c->carp_ring = fwd_punt_ring_create("rtr_carp", CARP_RING_SIZE, (int)rte_socket_id());
	c->req_ring = rte_ring_create_elem("rtr_ctl_req", sizeof(struct ctl_req), REQ_RING_SIZE,
	                                   (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	c->rep_ring =
	    rte_ring_create_elem("rtr_ctl_rep", sizeof(struct ctl_req_reply), REQ_RING_SIZE,
	                         (int)rte_socket_id(), RING_F_SP_ENQ | RING_F_SC_DEQ);
	if (c->carp_ring == NULL || c->req_ring == NULL || c->rep_ring == NULL) {
		RTR_LOG(ctl, ERR, "control rings: %s", rte_strerror(rte_errno));
		ret = -rte_errno;
		goto fail;
	}
	punt_limit.rate = r->cfg.carp.punt_rate;
	punt_limit.burst = r->cfg.carp.punt_burst;
	fwd_punt_limit_set(r->ctx, FWD_PUNT_CARP, &punt_limit);
	fwd_punt_register(r->ctx, FWD_PUNT_CARP, c->carp_ring);
	ret = loop_register(c);
	if (ret < 0) {
		RTR_LOG(ctl, ERR, "control loop: %s", strerror(-ret));
		goto fail;
	}
	ret = ctl_hooks_start(&c->hooks, r->cfg.carp.hook_timeout_ms, ctl_hook_log_line,
	                      ctl_hook_log_done, c);
	if (ret < 0) {
		RTR_LOG(ctl, ERR, "hook thread: %s", strerror(-ret));
		goto fail;
	}
	for (unsigned int i = 0; i < c->n_ports; i++)
		ctl_port_publish(&c->ports[i]);
	RTR_LOG(ctl, INFO, "control lcore %u: %u carp interfaces on %u carpdevs, TSC %.3f GHz",
	        c->lcore, c->n_ifs, c->n_ports, (double)c->tsc_hz / 1e9);
	return c;
fail:
	*err = ret;
	ctl_destroy(c);
	return NULL;
}

static void attach_all(struct ctl *c, uint64_t now)
{
	const struct cfg *cfg = &c->r->cfg;

	for (unsigned int i = 0; i < c->n_ifs; i++) {
		struct ctl_if *ci = &c->ifs[i];
		int ret = carp_host_attach(&c->host, &ci->ifc, now, &c->acts);
		int op = cfg_carp_state_admin_op(cfg->carp.ifs[ci->cfg_if].state);

		if (ret < 0)
			RTR_LOG(ctl, ERR, "carp interface \"%s\": attach: %s", ci->ifc.cfg.name,
			        strerror(-ret));
		ctl_exec(c, now);
		if (ret == 0 && op >= 0) {
			carp_if_admin(&ci->ifc, now, (enum carp_admin_op)op, 0, 0, &c->acts);
			ctl_exec(c, now);
		}
	}
}

/* The source address of an accepted advert, remembered per node: the
 * current master as last heard (telemetry "master_addr"). */
static void note_master(struct ctl *c, uint16_t port, const uint8_t *pkt, size_t len)
{
	struct carp_pkt p;

	if (carp_ip_parse(pkt, len, &p) != CARP_PARSE_OK || p.family != CARP_AF_INET)
		return;
	for (unsigned int i = 0; i < c->n_ifs; i++) {
		struct ctl_if *ci = &c->ifs[i];

		if (ci->ifc.cfg.carpdev != port || p.dst_multicast == ci->ifc.cfg.peer4_set)
			continue;
		for (unsigned int n = 0; n < ci->ifc.nvh; n++)
			if (ci->ifc.vh[n].vhid == p.adv.vhid) {
				atomic_store_explicit(&ci->master_addr[n], carp_be32(p.src.a),
				                      memory_order_relaxed);
				return;
			}
	}
}

static unsigned int rx_adverts(struct ctl *c, uint64_t now)
{
	struct fwd_punt_msg msgs[RX_BURST];
	unsigned int n =
	    rte_ring_sc_dequeue_burst_elem(c->carp_ring, msgs, sizeof(msgs[0]), RX_BURST, NULL);

	for (unsigned int i = 0; i < n; i++) {
		int ret = carp_host_input(&c->host, now, msgs[i].port, msgs[i].pkt, msgs[i].len,
		                          &c->acts);

		if (ret == 0)
			note_master(c, msgs[i].port, msgs[i].pkt, msgs[i].len);
		else if (c->log >= LOG_DEBUG)
			RTR_LOG(carp, DEBUG, "port %u: advert dropped: %s", msgs[i].port,
			        carp_stat_name((enum carp_stat)ret));
		ctl_exec(c, now);
	}
	if (n > 0)
		ctl_count(c, CTL_CNT_ring_msgs, n);
	return n;
}

static void note_late(struct ctl *c, uint64_t late)
{
	atomic_store_explicit(&c->late_us_last, late, memory_order_relaxed);
	if (late > atomic_load_explicit(&c->late_us_max, memory_order_relaxed))
		atomic_store_explicit(&c->late_us_max, late, memory_order_relaxed);
}

/* ---- CARP's entries in the loop (ctl_loop.h); another protocol adds its own ---- */

/*
 * Only a full burst means more may be waiting. A trickle (a flood of a few
 * frames per pass) must not keep a SCHED_FIFO lcore spinning: it would take
 * its CPU from every other thread until the kernel's RT throttling steps in
 * (tests/carp/test_flood.sh: 285 ms of advert jitter on the other router).
 * Sleeping <= 1 ms with a 1024-slot ring loses nothing below ~1M frames/s.
 */
static unsigned int src_adverts(void *arg, uint64_t now)
{
	return rx_adverts(arg, now) == RX_BURST;
}

static uint64_t carp_deadline(void *arg)
{
	return ((const struct ctl *)arg)->deadline;
}

static void carp_timers(void *arg, uint64_t now, uint64_t late)
{
	struct ctl *c = arg;

	note_late(c, late);
	carp_host_timeout(&c->host, now, &c->acts);
	ctl_exec(c, now);
}

static unsigned int src_links(void *arg, uint64_t now)
{
	ctl_link_poll(arg, now);
	return 0; /* polled on a clock of its own: not work that keeps the loop awake */
}

static unsigned int src_requests(void *arg, uint64_t now)
{
	ctl_req_serve(arg, now);
	return 0;
}

static unsigned int src_publish(void *arg, uint64_t now)
{
	ctl_publish(arg, now);
	return 0;
}

/* Order matters: adverts before timers (a fresh advert re-arms master
 * down), publication last (it reflects the whole pass). */
static int loop_register(struct ctl *c)
{
	struct ctl_loop *l = &c->loop;
	int ret;

	ctl_loop_init(l);
	ret = ctl_loop_add_source(l, "carp adverts", src_adverts, c);
	if (ret == 0)
		ret = ctl_loop_add_timer(l, "carp timers", carp_deadline, carp_timers, c);
	if (ret == 0)
		ret = ctl_loop_add_source(l, "links", src_links, c);
	if (ret == 0)
		ret = ctl_loop_add_source(l, "requests", src_requests, c);
	if (ret == 0)
		ret = ctl_loop_add_source(l, "pfsync demotion", ctl_pfsync_serve, c);
	if (ret == 0)
		ret = ctl_loop_add_source(l, "publish", src_publish, c);
	return ret;
}

static void shutdown_ifs(struct ctl *c)
{
	uint64_t now = ctl_now_us(c), until;

	/* issue 4 item 9: MASTERs bow out (advbase 255, advskew 255) so the
	 * backups take over at once instead of waiting for master-down */
	for (unsigned int i = 0; i < c->n_ifs; i++) {
		carp_if_admin(&c->ifs[i].ifc, now, CARP_ADMIN_DOWN, 0, 0, &c->acts);
		ctl_exec(c, now);
	}
	ctl_publish(c, now);
	/* frames relayed through worker 0 (ports without a control queue)
	 * leave on its next loops: give them a moment before workers stop */
	until = now + FLUSH_US;
	while (ctl_now_us(c) < until)
		rte_delay_us_sleep(1000);
	RTR_LOG(ctl, NOTICE, "carp interfaces down, bow-out sent: control lcore stops");
}

/* Timers exact under load (USERS #6, keepalived's "use realtime
 * scheduling"): the control lcore mostly sleeps, so a low real-time
 * priority only makes the kernel wake it on time when its core is shared
 * (main lcore, telemetry, other processes). The kernel's RT throttling
 * still bounds it if it ever spun. Best effort: logged either way. */
static void realtime(void)
{
	struct sched_param sp = {.sched_priority = 1};
	int err = pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);

	if (err != 0)
		RTR_LOG(ctl, INFO, "control lcore stays SCHED_OTHER (SCHED_FIFO refused: %s)",
		        strerror(err));
	else
		RTR_LOG(ctl, INFO, "control lcore runs SCHED_FIFO priority 1");
}

int ctl_main(void *arg)
{
	struct ctl *c = arg;
	uint64_t now = ctl_now_us(c);

	realtime();
	atomic_store_explicit(&c->running, true, memory_order_release);
	c->deadline = CARP_NEVER;
	ctl_vmac_subscribe_group(c, now);
	attach_all(c, now);
	ctl_link_init(c, now);
	ctl_publish(c, now);
	RTR_LOG(ctl, NOTICE, "control lcore %u running %u carp interfaces", rte_lcore_id(),
	        c->n_ifs);
	while (!atomic_load_explicit(&c->stop, memory_order_acquire)) {
		if (ctl_loop_run(&c->loop, ctl_now_us(c)) == 0) {
			/* sleep to the next deadline, but poll the rings at least
			 * every IDLE_POLL_US: timers stay exact to ~1 ms */
			uint64_t d = ctl_loop_idle(&c->loop, ctl_now_us(c), IDLE_POLL_US);

			if (d > 0)
				rte_delay_us_sleep((unsigned int)d);
		}
	}
	shutdown_ifs(c);
	ctl_link_fini(c);
	atomic_store_explicit(&c->running, false, memory_order_release);
	return 0;
}

int ctl_start(struct ctl *c)
{
	int ret;

	if (c == NULL)
		return 0;
	ret = rte_eal_remote_launch(ctl_main, c, c->lcore);
	if (ret < 0) {
		RTR_LOG(ctl, ERR, "control lcore %u: launch failed: %s", c->lcore, strerror(-ret));
		return ret;
	}
	c->launched = true;
	return 0;
}

void ctl_stop(struct ctl *c)
{
	if (c == NULL || !c->launched)
		return;
	atomic_store_explicit(&c->stop, true, memory_order_release);
	rte_eal_wait_lcore(c->lcore);
	c->launched = false;
}

void ctl_destroy(struct ctl *c)
{
	if (c == NULL)
		return;
	ctl_stop(c);
	ctl_hooks_stop(&c->hooks);
	if (c->r != NULL && c->r->ctx != NULL && c->carp_ring != NULL)
		fwd_punt_register(c->r->ctx, FWD_PUNT_CARP, NULL);
	rte_ring_free(c->carp_ring);
	rte_ring_free(c->req_ring);
	rte_ring_free(c->rep_ring);
	for (unsigned int i = 0; i < c->n_ifs; i++)
		carp_if_fini(&c->ifs[i].ifc);
	free(c->act_buf);
	free(c);
}
