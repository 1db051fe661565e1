/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * struct cfg -> lib/fwd: packet pool, fast-path context, ports, tables,
 * workers; and the reverse on shutdown. Every failure is logged with the
 * port or object it concerns and unwinds through rtr_dataplane_destroy.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>

#include "cfg_inet.h"
#include "fwd.h"
#include "fwd_port.h"
#include "fwd_worker.h"
#include "rtr.h"
#include "rtr_afpacket.h"
#include "rtr_pfsync.h"
#include "rtr_log.h"

#define MBUF_CACHE 256 /* as cfg_mbufs_needed() assumes */

static struct rte_mempool *pool_create(const struct rtr *r)
{
	uint32_t n = r->cfg.tables.mbufs;
	uint16_t mtu = RTE_ETHER_MTU;
	uint32_t room;

	/* Default: what the rings can hold, rounded to 2^k - 1 (mempool's best size). */
	if (n == 0)
		n = rte_align32pow2(cfg_mbufs_needed(&r->cfg, r->n_workers) + 1) - 1;
	for (unsigned int i = 0; i < r->cfg.n_ports; i++)
		mtu = RTE_MAX(mtu, r->cfg.ports[i].mtu);
	/* One segment per frame: MTU + Ethernet header + CRC (fwd_port.h). */
	room = RTE_MAX((uint32_t)RTE_MBUF_DEFAULT_DATAROOM,
	               (uint32_t)mtu + RTE_ETHER_HDR_LEN + RTE_ETHER_CRC_LEN);
	/* af_packet hands over kernel-reassembled datagrams, up to its framesz. */
	for (unsigned int i = 0; i < r->cfg.n_ports; i++) {
		uint32_t framesz = rtr_afpacket_framesz(r->port_ids[i]);

		if (framesz == 0)
			continue;
		if (rtr_afpacket_mbuf_room(framesz) + RTE_PKTMBUF_HEADROOM > UINT16_MAX) {
			RTR_LOG(app, ERR,
			        "port \"%s\" (%s): af_packet framesz %u needs mbufs of more than "
			        "%u bytes: at most framesz=%u",
			        r->cfg.ports[i].name, r->cfg.ports[i].device, framesz, UINT16_MAX,
			        (UINT16_MAX - RTE_PKTMBUF_HEADROOM + RTR_AFPACKET_MBUF_SLACK) &
			            ~15u);
			rte_errno = EINVAL;
			return NULL;
		}
		room = RTE_MAX(room, rtr_afpacket_mbuf_room(framesz));
	}
	room += RTE_PKTMBUF_HEADROOM;
	RTR_LOG(app, INFO, "packet pool: %u mbufs of %u bytes", n, room);
	return rte_pktmbuf_pool_create("rtr_mbufs", n, MBUF_CACHE, 0, (uint16_t)room,
	                               (int)rte_socket_id());
}

static int ports_setup(struct rtr *r)
{
	for (unsigned int i = 0; i < r->cfg.n_ports; i++) {
		const struct cfg_port *p = &r->cfg.ports[i];
		struct fwd_port_conf conf = {
		    .nb_rx_queues = p->rx_queues,
		    .nb_workers = (uint16_t)r->n_workers,
		    .nb_rx_desc = p->rx_desc,
		    .nb_tx_desc = p->tx_desc,
		    .mtu = p->mtu,
		    .mp = r->pool,
		};
		uint32_t framesz = rtr_afpacket_framesz(r->port_ids[i]);
		uint16_t cur;
		int ret;

		/* Some PMDs (net_pcap, net_null) cannot set an MTU at all: ask only
		 * for a change (0 = leave the device's). */
		if (rte_eth_dev_get_mtu(r->port_ids[i], &cur) == 0 && cur == p->mtu)
			conf.mtu = 0;
		if (framesz != 0)
			conf.rx_frame_max = rtr_afpacket_rx_frame_max(framesz);
		ret = fwd_port_setup(r->ctx, r->port_ids[i], &conf);

		if (ret < 0) {
			RTR_LOG(app, ERR, "port \"%s\" (%s): setup failed: %s", p->name, p->device,
			        strerror(-ret));
			return ret;
		}
	}
	return 0;
}

void rtr_fwd_route(const struct rtr *r, const struct cfg_route *cr, struct fwd_route *out)
{
	*out = (struct fwd_route){
	    .prefix = cr->prefix,
	    .len = cr->len,
	    .gateway = cr->gateway,
	    .port = cr->gateway != 0 ? FWD_PORT_AUTO : r->port_ids[cr->port],
	};
}

static int tables_fill(struct rtr *r)
{
	const struct cfg *cfg = &r->cfg;
	char s[CFG_PFX_STRLEN];
	int ret;

	for (unsigned int i = 0; i < cfg->n_ports; i++)
		for (unsigned int a = 0; a < cfg->ports[i].n_addrs; a++) {
			const struct cfg_ifaddr *ia = &cfg->ports[i].addrs[a];

			ret = fwd_iface_add(r->ctx, r->port_ids[i], ia->addr, ia->len);
			if (ret < 0) {
				RTR_LOG(app, ERR, "port \"%s\": address %s: %s", cfg->ports[i].name,
				        cfg_prefix_str(ia->addr, ia->len, s), strerror(-ret));
				return ret;
			}
		}
	for (unsigned int i = 0; i < cfg->n_routes; i++) {
		const struct cfg_route *cr = &cfg->routes[i];
		struct fwd_route fr;

		rtr_fwd_route(r, cr, &fr);
		ret = fwd_route_add(r->ctx, &fr);
		if (ret < 0) {
			RTR_LOG(app, ERR, "route %s: %s", cfg_prefix_str(cr->prefix, cr->len, s),
			        strerror(-ret));
			return ret;
		}
	}
	for (unsigned int i = 0; i < cfg->n_neighs; i++) {
		const struct cfg_neigh *n = &cfg->neighs[i];
		struct rte_ether_addr mac;

		memcpy(mac.addr_bytes, n->mac, sizeof(mac.addr_bytes));
		ret = fwd_neigh_add_static(r->ctx, n->addr, &mac, r->port_ids[n->port]);
		if (ret < 0) {
			RTR_LOG(app, ERR, "neighbour %s: %s", cfg_ip_str(n->addr, s),
			        strerror(-ret));
			return ret;
		}
	}
	return 0;
}

int rtr_dataplane_create(struct rtr *r)
{
	struct fwd_params p;
	int ret;

	RTR_LOG(cfg, INFO, "%s: %u ports, %u routes, %u static neighbours, %u workers, %s polling",
	        r->args.config, r->cfg.n_ports, r->cfg.n_routes, r->cfg.n_neighs, r->n_workers,
	        cfg_polling_name(r->cfg.polling));
	r->pool = pool_create(r);
	if (r->pool == NULL) {
		RTR_LOG(app, ERR, "packet pool: %s", rte_strerror(rte_errno));
		return -rte_errno;
	}
	fwd_params_init(&p);
	p.name = "rtr";
	p.socket_id = (int)rte_socket_id();
	p.max_routes = r->cfg.tables.routes;
	p.max_neighbours = r->cfg.tables.neighbours;
	p.poll_mode = r->cfg.polling == CFG_POLLING_ADAPTIVE ? FWD_POLL_ADAPTIVE : FWD_POLL_BUSY;
	p.idle_polls = r->cfg.idle_polls;
	p.sleep_max_us = r->cfg.sleep_max_us;
	r->ctx = fwd_ctx_create(&p);
	if (r->ctx == NULL) {
		RTR_LOG(app, ERR, "fast path tables: %s", rte_strerror(rte_errno));
		return -rte_errno;
	}
	ret = ports_setup(r);
	if (ret == 0)
		ret = tables_fill(r);
	if (ret == 0)
		ret = rtr_dataplane6_fill(r);
	if (ret == 0) {
		ret = fwd_workers_setup(r->ctx, r->workers, r->n_workers);
		if (ret < 0)
			RTR_LOG(app, ERR, "workers: %s", strerror(-ret));
	}
	if (ret == 0)
		ret = rtr_filter_create(r);
	if (ret == 0 && (r->pfsync = rtr_pfsync_create(r, &ret)) == NULL && ret == 0)
		ret = 0; /* no pfsync section */
	return ret;
}

unsigned int rtr_port_tx_queues(const struct rtr *r, uint16_t port_id)
{
	return r->n_workers + (fwd_port_has_control_txq(r->ctx, port_id) ? 1 : 0);
}

static void port_log(const struct rtr *r, unsigned int i)
{
	const struct cfg_port *p = &r->cfg.ports[i];
	char mac[RTE_ETHER_ADDR_FMT_SIZE];
	struct rte_ether_addr ea = {0};
	struct rte_eth_link link = {0};
	uint32_t framesz;

	fwd_port_mac(r->ctx, r->port_ids[i], &ea);
	fwd_port_link(r->port_ids[i], &link);
	rte_ether_format_addr(mac, sizeof(mac), &ea);
	RTR_LOG(app, INFO,
	        "port %s (%s, port %u): %s, link %s %u Mbps, %u rx queues, %u tx queues, mtu %u",
	        p->name, p->device, r->port_ids[i], mac,
	        link.link_status == RTE_ETH_LINK_UP ? "up" : "down", link.link_speed, p->rx_queues,
	        rtr_port_tx_queues(r, r->port_ids[i]), p->mtu);
	framesz = rtr_afpacket_framesz(r->port_ids[i]);
	if (framesz != 0)
		RTR_LOG(app, INFO,
		        "port %s: af_packet framesz %u: the kernel reassembles IPv4 fragments, "
		        "datagrams up to %u bytes arrive whole, longer ones cut (rx_truncated)",
		        p->name, framesz, rtr_afpacket_rx_frame_max(framesz) - RTE_ETHER_HDR_LEN);
}

int rtr_dataplane_start(struct rtr *r)
{
	int ret;

	for (unsigned int i = 0; i < r->cfg.n_ports; i++) {
		ret = fwd_port_start(r->port_ids[i]);
		if (ret < 0) {
			RTR_LOG(app, ERR, "port \"%s\" (%s): start failed: %s",
			        r->cfg.ports[i].name, r->cfg.ports[i].device, strerror(-ret));
			return ret;
		}
		r->n_ports_started++;
		port_log(r, i);
	}
	for (unsigned int i = 0; i < r->n_workers; i++) {
		struct fwd_worker *w = fwd_worker_get(r->ctx, i);

		ret = fwd_worker_launch(w);
		if (ret < 0) {
			RTR_LOG(app, ERR, "worker lcore %u: launch failed: %s", fwd_worker_lcore(w),
			        strerror(-ret));
			return ret;
		}
		r->n_workers_launched++;
	}
	RTR_LOG(app, INFO, "%u ports started, %u workers launched", r->n_ports_started,
	        r->n_workers_launched);
	return 0;
}

void rtr_dataplane_stop(struct rtr *r)
{
	if (r->ctx != NULL)
		fwd_ctx_stop(r->ctx);
	if (r->n_workers_launched > 0)
		fwd_workers_wait(r->ctx);
	r->n_workers_launched = 0;
	for (unsigned int i = 0; i < r->n_ports_started; i++) {
		int ret = fwd_port_stop(r->port_ids[i]);

		if (ret < 0)
			RTR_LOG(app, WARNING, "port \"%s\": stop failed: %s", r->cfg.ports[i].name,
			        strerror(-ret));
	}
	r->n_ports_started = 0;
}

void rtr_dataplane_destroy(struct rtr *r)
{
	/* Closing releases the rx rings' mbufs (and flushes pcap files) before
	 * the pool goes away. */
	if (r->ctx != NULL)
		for (unsigned int i = 0; i < r->cfg.n_ports; i++)
			rte_eth_dev_close(r->port_ids[i]);
	fwd_ctx_destroy(r->ctx);
	r->ctx = NULL;
	rtr_pfsync_destroy(r->pfsync); /* its rings are the filter's hooks */
	r->pfsync = NULL;
	rtr_filter_destroy(r);
	rte_mempool_free(r->pool);
	r->pool = NULL;
}
