/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Carpdev link tracking (contract section 2, issue 4 item 5) and the boot
 * interlock. Where the PMD raises LSC interrupts, the callback (on EAL's
 * interrupt thread) only flags the port; the control lcore reads the link
 * on its next loop. Every port is also read every 100 ms, which is all a
 * PMD without LSC gets. The boot demotion of group carp ends when every
 * carpdev is up, or after BOOT_WAIT_US whatever the links say.
 */
#include <errno.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <rte_ethdev.h>

#include "ctl.h"
#include "rtr.h"
#include "rtr_log.h"

#define LINK_POLL_US 100000  /* PMDs without LSC: every 100 ms */
#define BOOT_WAIT_US 5000000 /* boot interlock gives up after 5 s */

static int lsc_cb(uint16_t port_id, enum rte_eth_event_type type, void *arg, void *ret_param)
{
	struct ctl_port *p = arg;

	(void)port_id, (void)type, (void)ret_param;
	atomic_store_explicit(&p->lsc_event, true, memory_order_release);
	return 0;
}

/* The kernel's view of an interface a PMD sits on: DPDK 22.11's
 * af_packet reports its link up forever, so `ip link set lan0 down` (or
 * the veth peer going down) is seen only here: up = IFF_UP and
 * IFF_RUNNING (carrier). */
static bool kernel_up(const struct ctl *c, const struct ctl_port *p)
{
	struct ifreq ifr;

	if (p->if_index == 0 || c->ifreq_fd < 0)
		return true;
	memset(&ifr, 0, sizeof(ifr));
	if (if_indextoname(p->if_index, ifr.ifr_name) == NULL)
		return false; /* the interface is gone */
	if (ioctl(c->ifreq_fd, SIOCGIFFLAGS, &ifr) < 0)
		return true; /* cannot tell: trust the PMD */
	return (ifr.ifr_flags & IFF_UP) && (ifr.ifr_flags & IFF_RUNNING);
}

static bool link_read(const struct ctl *c, const struct ctl_port *p)
{
	struct rte_eth_link link;

	memset(&link, 0, sizeof(link));
	return rte_eth_link_get_nowait(p->port_id, &link) == 0 &&
	       link.link_status == RTE_ETH_LINK_UP && kernel_up(c, p);
}

static bool all_up(const struct ctl *c)
{
	for (unsigned int i = 0; i < c->n_ports; i++)
		if (!c->ports[i].link_up)
			return false;
	return true;
}

static void boot_done(struct ctl *c, uint64_t now, const char *why)
{
	if (c->boot_until == 0)
		return;
	c->boot_until = 0;
	carp_host_boot_done(&c->host, now, &c->acts);
	ctl_exec(c, now);
	RTR_LOG(ctl, NOTICE, "boot interlock over (%s): boot demotion of group carp removed", why);
}

static void link_set(struct ctl *c, struct ctl_port *p, bool up, uint64_t now)
{
	if (p->link_up == up)
		return;
	p->link_up = up;
	RTR_LOG(ctl, NOTICE, "port %s: link %s", ctl_port_name(c, p), up ? "up" : "down");
	carp_host_link(&c->host, now, p->port_id, up, &c->acts);
	ctl_exec(c, now);
}

void ctl_link_init(struct ctl *c, uint64_t now)
{
	c->ifreq_fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	for (unsigned int i = 0; i < c->n_ports; i++) {
		struct ctl_port *p = &c->ports[i];

		if (p->lsc && rte_eth_dev_callback_register(p->port_id, RTE_ETH_EVENT_INTR_LSC,
		                                            lsc_cb, p) < 0)
			p->lsc = false;
		/* lib/carp assumes the link up until told otherwise */
		p->link_up = true;
		link_set(c, p, link_read(c, p), now);
		RTR_LOG(ctl, INFO, "port %s: link %s, tracked by %s%s", ctl_port_name(c, p),
		        p->link_up ? "up" : "down",
		        p->lsc ? "LSC interrupt (and 100 ms polling)" : "100 ms polling",
		        p->if_index != 0 ? " of the PMD and the kernel interface" : "");
	}
	c->next_link_poll = now + LINK_POLL_US;
	if (!c->r->cfg.carp.boot_demote)
		return; /* boot_until stays 0: no interlock */
	c->boot_until = now + BOOT_WAIT_US;
	if (all_up(c))
		boot_done(c, now, "every carpdev is up");
	else
		RTR_LOG(ctl, NOTICE,
		        "boot interlock: group carp demoted by 128 until every "
		        "carpdev is up (5 s at most)");
}

void ctl_link_poll(struct ctl *c, uint64_t now)
{
	bool poll = now >= c->next_link_poll;

	if (poll)
		c->next_link_poll = now + LINK_POLL_US;
	for (unsigned int i = 0; i < c->n_ports; i++) {
		struct ctl_port *p = &c->ports[i];

		if (atomic_exchange_explicit(&p->lsc_event, false, memory_order_acq_rel) || poll)
			link_set(c, p, link_read(c, p), now);
	}
	if (c->boot_until != 0) {
		if (all_up(c))
			boot_done(c, now, "every carpdev is up");
		else if (now >= c->boot_until)
			boot_done(c, now, "5 s passed, some carpdev is still down");
	}
}

void ctl_link_fini(struct ctl *c)
{
	if (c->ifreq_fd >= 0)
		close(c->ifreq_fd);
	c->ifreq_fd = -1;
	for (unsigned int i = 0; i < c->n_ports; i++)
		if (c->ports[i].lsc)
			rte_eth_dev_callback_unregister(c->ports[i].port_id, RTE_ETH_EVENT_INTR_LSC,
			                                lsc_cb, &c->ports[i]);
}
