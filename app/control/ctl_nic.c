/* SPDX-License-Identifier: BSD-2-Clause */
/* vMAC filters on real ethdev ports: the NIC side of ctl_vmac.c. */
#include <errno.h>
#include <inttypes.h>
#include <string.h>

#include <rte_cycles.h>
#include <rte_ethdev.h>

#include "carp_wire.h"
#include "ctl.h"
#include "rtr.h"
#include "rtr_log.h"

static int nic_uc_add(void *arg, uint16_t port, const uint8_t mac[6])
{
	struct rte_ether_addr ea;

	(void)arg;
	memcpy(ea.addr_bytes, mac, 6);
	return rte_eth_dev_mac_addr_add(port, &ea, 0);
}

static int nic_uc_del(void *arg, uint16_t port, const uint8_t mac[6])
{
	struct rte_ether_addr ea;

	(void)arg;
	memcpy(ea.addr_bytes, mac, 6);
	return rte_eth_dev_mac_addr_remove(port, &ea);
}

static int nic_mc_set(void *arg, uint16_t port, const uint8_t (*macs)[6], unsigned int n)
{
	struct rte_ether_addr ea[CTL_VMAC_MAX];

	(void)arg;
	for (unsigned int i = 0; i < n && i < CTL_VMAC_MAX; i++)
		memcpy(ea[i].addr_bytes, macs[i], 6);
	return rte_eth_dev_set_mc_addr_list(port, ea, n);
}

static int nic_promisc_on(void *arg, uint16_t port)
{
	(void)arg;
	return rte_eth_promiscuous_enable(port);
}

static int nic_allmulti_on(void *arg, uint16_t port)
{
	(void)arg;
	return rte_eth_allmulticast_enable(port);
}

static const struct ctl_nic_ops nic_ops = {
    .uc_add = nic_uc_add,
    .uc_del = nic_uc_del,
    .mc_set = nic_mc_set,
    .promisc_on = nic_promisc_on,
    .allmulti_on = nic_allmulti_on,
};

void ctl_port_publish(struct ctl_port *p)
{
	const struct ctl_vmac_port *v = &p->vmac;
	struct ctl_port_pub pub;

	memset(&pub, 0, sizeof(pub));
	pub.promisc = v->promisc;
	pub.allmulti = v->allmulti;
	pub.n_uc = (uint8_t)(v->n_uc < 16 ? v->n_uc : 16);
	pub.n_mc = (uint8_t)(v->n_mc < 16 ? v->n_mc : 16);
	memcpy(pub.uc, v->uc, (size_t)pub.n_uc * 6);
	memcpy(pub.mc, v->mc, (size_t)pub.n_mc * 6);
	pub.flips = v->flips;
	pub.flip_last_us = v->flip_last_us;
	pub.flip_max_us = v->flip_max_us;
	carp_seq_write(&p->pub_seq, p->pub_w, CARP_SEQ_WORDS(pub), &pub, sizeof(pub));
}

bool ctl_port_read(struct ctl_port *p, struct ctl_port_pub *out)
{
	return carp_seq_read(&p->pub_seq, p->pub_w, CARP_SEQ_WORDS(*out), out, sizeof(*out), 1000);
}

/* One filter flip, timed with the TSC (some NICs take long to add a MAC,
 * which would sit on the takeover path: measure it). */
void ctl_vmac_apply(struct ctl *c, struct ctl_port *p, const uint8_t mac[6], bool multicast,
                    bool add)
{
	uint64_t t0 = rte_get_tsc_cycles(), us;
	enum ctl_vmac_result res = add ? ctl_vmac_add(&p->vmac, &nic_ops, NULL, mac, multicast)
	                               : ctl_vmac_del(&p->vmac, &nic_ops, NULL, mac, multicast);
	char m[RTE_ETHER_ADDR_FMT_SIZE];
	struct rte_ether_addr ea;

	us = (rte_get_tsc_cycles() - t0) * 1000000 / c->tsc_hz;
	ctl_vmac_flip_record(&p->vmac, us);
	memcpy(ea.addr_bytes, mac, 6);
	rte_ether_format_addr(m, sizeof(m), &ea);
	switch (res) {
	case CTL_VMAC_PROMISC:
		RTR_LOG(ctl, NOTICE,
		        "port %s: filter refused %s (%s): promiscuous mode instead, the fast "
		        "path filters destination MACs itself",
		        ctl_port_name(c, p), m, strerror(-p->vmac.last_err));
		break;
	case CTL_VMAC_ALLMULTI:
		RTR_LOG(ctl, NOTICE,
		        "port %s: multicast list refused %s (%s): allmulticast mode instead",
		        ctl_port_name(c, p), m, strerror(-p->vmac.last_err));
		break;
	case CTL_VMAC_FALLBACK_ERR:
		RTR_LOG(ctl, WARNING, "port %s: cannot accept %s, fallback failed too: %s",
		        ctl_port_name(c, p), m, strerror(-p->vmac.last_err));
		break;
	case CTL_VMAC_FULL:
		RTR_LOG(ctl, ERR, "port %s: more than %d virtual MACs: %s not added",
		        ctl_port_name(c, p), CTL_VMAC_MAX, m);
		break;
	default:
		break;
	}
	RTR_LOG(ctl, INFO, "port %s: %s %s %s in %" PRIu64 " us (filter: %s)", ctl_port_name(c, p),
	        add ? "accept" : "drop", multicast ? "multicast" : "unicast", m, us,
	        ctl_vmac_filter_name(&p->vmac));
	ctl_port_publish(p);
}

/* 01:00:5e:00:00:12 (224.0.0.18) on every carpdev: multicast adverts. */
void ctl_vmac_subscribe_group(struct ctl *c, uint64_t now)
{
	(void)now;
	for (unsigned int i = 0; i < c->n_ports; i++)
		ctl_vmac_apply(c, &c->ports[i], carp_group4_mac, true, true);
}
