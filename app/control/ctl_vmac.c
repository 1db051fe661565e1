/* SPDX-License-Identifier: BSD-2-Clause */
/* vMAC filter decisions: NIC filter first, promiscuous/allmulticast once. */
#include "ctl_vmac.h"

#include <string.h>

void ctl_vmac_port_init(struct ctl_vmac_port *p, uint16_t port)
{
	memset(p, 0, sizeof(*p));
	p->port = port;
}

static int find(const uint8_t (*list)[6], unsigned int n, const uint8_t mac[6])
{
	for (unsigned int i = 0; i < n; i++)
		if (memcmp(list[i], mac, 6) == 0)
			return (int)i;
	return -1;
}

/* The last resort when the NIC refuses a filter: receive everything and let
 * the fast path gate by destination MAC. */
static enum ctl_vmac_result promisc_fallback(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops,
                                             void *arg)
{
	int err = ops->promisc_on(arg, p->port);

	if (err < 0) {
		p->last_err = err;
		return CTL_VMAC_FALLBACK_ERR;
	}
	p->promisc = true;
	return CTL_VMAC_PROMISC;
}

static enum ctl_vmac_result uc_add(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops,
                                   void *arg, const uint8_t mac[6])
{
	unsigned int i = p->n_uc;
	int err;

	memcpy(p->uc[i], mac, 6);
	p->uc_hw[i] = false;
	p->n_uc++;
	if (p->promisc) /* already receiving everything */
		return CTL_VMAC_OK;
	err = ops->uc_add(arg, p->port, mac);
	if (err == 0) {
		p->uc_hw[i] = true;
		return CTL_VMAC_OK;
	}
	p->last_err = err;
	return promisc_fallback(p, ops, arg);
}

/* The multicast list is replaced as a whole. */
static enum ctl_vmac_result mc_apply(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops,
                                     void *arg)
{
	int err;

	if (p->allmulti)
		return CTL_VMAC_OK;
	err = ops->mc_set(arg, p->port, (const uint8_t(*)[6])p->mc, p->n_mc);
	if (err == 0)
		return CTL_VMAC_OK;
	p->last_err = err;
	if (p->promisc) /* promiscuous receives multicast too */
		return CTL_VMAC_OK;
	err = ops->allmulti_on(arg, p->port);
	if (err == 0) {
		p->allmulti = true;
		return CTL_VMAC_ALLMULTI;
	}
	/* af_packet and tap refuse allmulticast too: promiscuous covers it */
	return promisc_fallback(p, ops, arg);
}

enum ctl_vmac_result ctl_vmac_add(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops, void *arg,
                                  const uint8_t mac[6], bool multicast)
{
	if (multicast) {
		if (find((const uint8_t(*)[6])p->mc, p->n_mc, mac) >= 0)
			return CTL_VMAC_OK;
		if (p->n_mc >= CTL_VMAC_MAX)
			return CTL_VMAC_FULL;
		memcpy(p->mc[p->n_mc++], mac, 6);
		return mc_apply(p, ops, arg);
	}
	if (find((const uint8_t(*)[6])p->uc, p->n_uc, mac) >= 0)
		return CTL_VMAC_OK;
	if (p->n_uc >= CTL_VMAC_MAX)
		return CTL_VMAC_FULL;
	return uc_add(p, ops, arg, mac);
}

enum ctl_vmac_result ctl_vmac_del(struct ctl_vmac_port *p, const struct ctl_nic_ops *ops, void *arg,
                                  const uint8_t mac[6], bool multicast)
{
	int i;

	if (multicast) {
		i = find((const uint8_t(*)[6])p->mc, p->n_mc, mac);
		if (i < 0)
			return CTL_VMAC_OK;
		memmove(p->mc[i], p->mc[i + 1], (p->n_mc - (unsigned int)i - 1) * 6);
		p->n_mc--;
		return mc_apply(p, ops, arg);
	}
	i = find((const uint8_t(*)[6])p->uc, p->n_uc, mac);
	if (i < 0)
		return CTL_VMAC_OK;
	/* A MAC covered by promiscuous mode needs no NIC call: the port stays
	 * promiscuous (the fallback is once per port, not per vMAC). */
	if (p->uc_hw[i]) {
		int err = ops->uc_del(arg, p->port, mac);

		if (err < 0)
			p->last_err = err;
	}
	memmove(p->uc[i], p->uc[i + 1], (p->n_uc - (unsigned int)i - 1) * 6);
	memmove(&p->uc_hw[i], &p->uc_hw[i + 1], (p->n_uc - (unsigned int)i - 1) * sizeof(bool));
	p->n_uc--;
	return CTL_VMAC_OK;
}

void ctl_vmac_flip_record(struct ctl_vmac_port *p, uint64_t us)
{
	p->flips++;
	p->flip_last_us = us;
	if (us > p->flip_max_us)
		p->flip_max_us = us;
}

const char *ctl_vmac_filter_name(const struct ctl_vmac_port *p)
{
	if (p->promisc)
		return "promiscuous";
	if (p->allmulti)
		return "allmulticast";
	return "mac";
}
