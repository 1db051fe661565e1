/* SPDX-License-Identifier: BSD-2-Clause */
/* af_packet ports' frame size, read back from their devargs (rtr_afpacket.h). */
#include <stdlib.h>
#include <string.h>

#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_ethdev.h>
#include <rte_kvargs.h>

#include "rtr_afpacket.h"

uint32_t rtr_afpacket_framesz(uint16_t port_id)
{
	struct rte_eth_dev_info info;
	const struct rte_devargs *da;
	struct rte_kvargs *kv;
	const char *v;
	uint32_t framesz = RTR_AFPACKET_FRAMESZ_DEFAULT;

	if (rte_eth_dev_info_get(port_id, &info) != 0 || info.driver_name == NULL ||
	    strcmp(info.driver_name, "net_af_packet") != 0)
		return 0;
	da = info.device != NULL ? rte_dev_devargs(info.device) : NULL;
	if (da == NULL || da->args == NULL)
		return framesz;
	kv = rte_kvargs_parse(da->args, NULL);
	if (kv == NULL)
		return framesz;
	v = rte_kvargs_get(kv, "framesz");
	/* the PMD itself refused to probe a framesz it cannot use */
	if (v != NULL)
		framesz = (uint32_t)strtoul(v, NULL, 10);
	rte_kvargs_free(kv);
	return framesz;
}
