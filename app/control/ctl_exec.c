/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Executing lib/carp's actions on the control lcore: adverts and gratuitous
 * ARP out of the carpdev's control tx path, vMAC filter changes, state
 * changes (log, hook, publication). Actions appended while executing (send
 * results) are executed in the same pass.
 */
#include <errno.h>
#include <string.h>
#include <syslog.h>

#include <rte_ether.h>
#include <rte_mbuf.h>

#include "carp_status.h"
#include "ctl.h"
#include "fwd.h"
#include "fwd_port.h"
#include "fwd_vip.h"
#include "rtr.h"
#include "rtr_log.h"

#define PEER_ARP_GAP_US 1000000 /* one ARP request per second for a carppeer */

static struct ctl_if *if_of(struct ctl *c, const struct carp_if *ifc)
{
	for (unsigned int i = 0; i < c->n_ifs; i++)
		if (&c->ifs[i].ifc == ifc)
			return &c->ifs[i];
	return NULL;
}

/* One frame out of the carpdev's control tx path (its own tx queue, or
 * worker 0's relay ring). 0 or -ENOBUFS. */
static int tx_frame(struct ctl *c, uint16_t port, const uint8_t *frame, unsigned int len)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(c->r->pool);
	char *p;

	if (m == NULL)
		return -ENOBUFS;
	p = rte_pktmbuf_append(m, (uint16_t)(len < RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN
	                                         ? RTE_ETHER_MIN_LEN - RTE_ETHER_CRC_LEN
	                                         : len));
	if (p == NULL) {
		rte_pktmbuf_free(m);
		return -ENOBUFS;
	}
	memset(p, 0, m->data_len); /* pad short frames (ARP) with zeros */
	memcpy(p, frame, len);
	if (fwd_ctrl_tx(c->r->ctx, port, &m, 1) != 1) {
		rte_pktmbuf_free(m);
		return -ENOBUFS;
	}
	return 0;
}

/* ARP request for the carppeer from the carpdev's own address, so the
 * workers learn its MAC from the reply. */
static void peer_arp(struct ctl *c, struct ctl_if *ci, uint64_t now)
{
	const struct ctl_port *p = &c->ports[ci->port];
	unsigned int k = (unsigned int)(ci - c->ifs);
	uint8_t f[42] = {0};

	if (c->peer_arp_at[k] != 0 && now - c->peer_arp_at[k] < PEER_ARP_GAP_US)
		return;
	c->peer_arp_at[k] = now;
	memset(f, 0xff, 6);
	memcpy(f + 6, p->mac, 6);
	f[12] = 0x08, f[13] = 0x06;                    /* ARP */
	f[14] = 0, f[15] = 1, f[16] = 0x08, f[17] = 0; /* Ethernet, IPv4 */
	f[18] = 6, f[19] = 4, f[20] = 0, f[21] = 1;    /* request */
	memcpy(f + 22, p->mac, 6);
	memcpy(f + 28, ci->ifc.cfg.src4, 4);
	memcpy(f + 38, ci->ifc.cfg.peer4, 4);
	if (tx_frame(c, p->port_id, f, sizeof(f)) == 0)
		ctl_count(c, CTL_CNT_arp_peer_requests, 1);
}

static int send_adv(struct ctl *c, struct carp_action *a, uint64_t now)
{
	struct ctl_if *ci = if_of(c, a->ifc);

	if (a->u.adv.need_dst_mac) {
		struct rte_ether_addr mac;
		uint16_t port;

		/* one hash lookup per advert, not a walk of the table */
		if (fwd_neigh_get(c->r->ctx, carp_be32(a->ifc->cfg.peer4), &mac, &port) < 0) {
			if (ci != NULL)
				peer_arp(c, ci, now);
			return -EHOSTUNREACH;
		}
		memcpy(a->u.adv.frame, mac.addr_bytes, 6);
	}
	return tx_frame(c, a->carpdev, a->u.adv.frame, a->u.adv.frame_len);
}

static void garp(struct ctl *c, const struct carp_action *a)
{
	uint8_t f[64];
	int len = carp_garp_build(a->u.garp.mac, a->u.garp.ip, f, sizeof(f));

	if (len > 0 && tx_frame(c, a->carpdev, f, (unsigned int)len) == 0) {
		ctl_count(c, CTL_CNT_garp_tx, 1);
		if (c->log >= LOG_INFO)
			RTR_LOG(carp, INFO, "[%s vhid %u] gratuitous ARP for %u.%u.%u.%u (%s)",
			        a->ifc->cfg.name, a->vhid, a->u.garp.ip[0], a->u.garp.ip[1],
			        a->u.garp.ip[2], a->u.garp.ip[3],
			        carp_garp_reason_name((enum carp_garp_reason)a->u.garp.reason));
	} else {
		ctl_count(c, CTL_CNT_garp_tx_errors, 1);
	}
}

/* lib/fwd's VIP table (fwd_vip.h): this interface's master mask and
 * whether it runs, when they changed since the last publication. */
static void publish_fwd(struct ctl *c, struct ctl_if *ci)
{
	/* bit 33: never part of a published word, so the first call publishes */
	uint64_t w = carp_balance_read(carp_if_balance(&ci->ifc)) | 1ull << 33;

	if (w == ci->fwd_word)
		return;
	ci->fwd_word = w;
	fwd_vip_publish(c->r->ctx, carp_if_balance(&ci->ifc));
}

static void state_change(struct ctl *c, const struct carp_action *a)
{
	struct ctl_if *ci = if_of(c, a->ifc);
	const char *from = carp_state_name((enum carp_state)a->u.state.old_state);
	const char *to = carp_state_name((enum carp_state)a->u.state.new_state);
	struct ctl_hook_event ev;

	/* OpenBSD logs MASTER/BACKUP flips at LOG_CRIT (net.inet.carp.log 2) */
	if (c->log >= LOG_CRIT)
		RTR_LOG(carp, NOTICE, "[%s vhid %u] state %s -> %s (%s)", a->ifc->cfg.name, a->vhid,
		        from, to, carp_reason_desc((enum carp_reason)a->u.state.reason));
	if (ci == NULL)
		return;
	/* The fast path first: the takeover's GARP and advert, next in the
	 * action list, must not move traffic here before workers accept it. */
	publish_fwd(c, ci);
	for (unsigned int n = 0; n < ci->ifc.nvh; n++)
		if (ci->ifc.vh[n].vhid == a->vhid)
			atomic_store_explicit(&ci->prev_state[n], a->u.state.old_state,
			                      memory_order_relaxed);
	if (ci->hook[0] == '\0')
		return;
	memset(&ev, 0, sizeof(ev));
	snprintf(ev.path, sizeof(ev.path), "%s", ci->hook);
	snprintf(ev.iface, sizeof(ev.iface), "%s", a->ifc->cfg.name);
	ev.vhid = a->vhid;
	snprintf(ev.old_state, sizeof(ev.old_state), "%s", from);
	snprintf(ev.new_state, sizeof(ev.new_state), "%s", to);
	if (ctl_hooks_post(&c->hooks, &ev) < 0)
		RTR_LOG(ctl, WARNING, "[%s vhid %u] hook queue full: %s %s -> %s not run", ev.iface,
		        ev.vhid, ev.path, from, to);
}

static struct ctl_port *port_of(struct ctl *c, uint16_t port_id)
{
	for (unsigned int i = 0; i < c->n_ports; i++)
		if (c->ports[i].port_id == port_id)
			return &c->ports[i];
	return NULL;
}

void ctl_exec(struct ctl *c, uint64_t now)
{
	struct carp_actions *l = &c->acts;

	/* l->n grows while we go: send results append their own actions */
	for (unsigned int i = 0; i < l->n; i++) {
		struct carp_action *a = &l->a[i];
		struct ctl_port *p;
		int err;

		switch (a->type) {
		case CARP_ACT_SEND_ADV:
			err = send_adv(c, a, now);
			ctl_count(c, err == 0 ? CTL_CNT_adv_tx : CTL_CNT_adv_tx_errors, 1);
			carp_host_send_result(&c->host, now, a->ifc, err, l);
			break;
		case CARP_ACT_VMAC_ADD:
		case CARP_ACT_VMAC_DEL:
			p = port_of(c, a->carpdev);
			if (p != NULL)
				ctl_vmac_apply(c, p, a->u.vmac.mac, a->u.vmac.multicast,
				               a->type == CARP_ACT_VMAC_ADD);
			break;
		case CARP_ACT_GARP:
			garp(c, a);
			break;
		case CARP_ACT_NA:
			ctl_count(c, CTL_CNT_na_ignored, 1);
			break;
		case CARP_ACT_STATE:
			state_change(c, a);
			break;
		case CARP_ACT_DEADLINE:
			c->deadline = a->u.deadline.at;
			break;
		default:
			break;
		}
	}
	if (l->dropped > 0) {
		ctl_count(c, CTL_CNT_actions_dropped, l->dropped);
		RTR_LOG(ctl, ERR, "%u lib/carp actions lost (action list full)", l->dropped);
		/* a lost DEADLINE must not leave the timers unserved */
		c->deadline = carp_host_next_deadline(&c->host);
	}
	carp_actions_clear(l);
}

/* Fast path (lib/fwd VIP table, H8) and telemetry (host status). */
void ctl_publish(struct ctl *c, uint64_t now)
{
	struct ctl_host_pub hp;

	/* counters of rejected adverts, once per pass (carp_host_input's drops
	 * publish nothing themselves) */
	carp_host_publish_views(&c->host, now);
	for (unsigned int i = 0; i < c->n_ifs; i++)
		publish_fwd(c, &c->ifs[i]);
	memset(&hp, 0, sizeof(hp));
	hp.groups = c->host.groups;
	hp.stats = c->host.stats;
	carp_seq_write(&c->host_seq, c->host_w, CARP_SEQ_WORDS(hp), &hp, sizeof(hp));
}

bool ctl_host_read(struct ctl *c, struct ctl_host_pub *out)
{
	return carp_seq_read(&c->host_seq, c->host_w, CARP_SEQ_WORDS(*out), out, sizeof(*out),
	                     1000);
}
