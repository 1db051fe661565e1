/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * af_packet ports' frame size, read back from their devargs, and the
 * kernel's reassembly counters (rtr_afpacket.h).
 */
#include <errno.h>
#include <stdio.h>
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

/* "Ip: Forwarding DefaultTTL ..." then "Ip: 1 64 ...": the value under name. */
static int snmp_field(char *names, char *values, const char *name, uint64_t *v)
{
	char *sn, *sv, *n = strtok_r(names, " \n", &sn), *x = strtok_r(values, " \n", &sv);

	for (; n != NULL && x != NULL;
	     n = strtok_r(NULL, " \n", &sn), x = strtok_r(NULL, " \n", &sv))
		if (strcmp(n, name) == 0) {
			*v = strtoull(x, NULL, 10);
			return 0;
		}
	return -ENOENT;
}

int rtr_kernel_reasm_read(struct rtr_kernel_reasm *k)
{
	static const char *const names[4] = {"ReasmReqds", "ReasmOKs", "ReasmFails",
	                                     "ReasmTimeout"};
	uint64_t *dst[4] = {&k->reqds, &k->oks, &k->fails, &k->timeouts};
	char hdr[1024] = "", val[1024] = "", line[1024];
	FILE *f = fopen("/proc/net/snmp", "r");
	int ret = 0;

	if (f == NULL)
		return -errno;
	while (fgets(line, sizeof(line), f) != NULL && val[0] == '\0')
		if (strncmp(line, "Ip: ", 4) == 0)
			memcpy(hdr[0] == '\0' ? hdr : val, line, sizeof(line));
	fclose(f);
	if (val[0] == '\0')
		return -ENOENT;
	for (int i = 0; i < 4 && ret == 0; i++) {
		char h[sizeof(hdr)], v[sizeof(val)];

		memcpy(h, hdr, sizeof(h)); /* strtok_r cuts its input */
		memcpy(v, val, sizeof(v));
		ret = snmp_field(h, v, names[i], dst[i]);
	}
	return ret;
}
