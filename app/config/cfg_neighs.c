/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * neighbours = ( { address = "A.B.C.D"; mac = "xx:xx:xx:xx:xx:xx"; }, ... );
 * Static ARP entries; the port is the one whose subnet holds the address
 * (found by cfg_validate).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_inet.h"
#include "cfg_sections.h"

#define OBJ_LEN 40

static const char *const neigh_keys[] = {"address", "mac", NULL};

int cfg_read_neigh_mac(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                       uint8_t mac[6])
{
	const config_setting_t *s;
	const char *v;

	if (cfg_read_text(ctx, g, "mac", obj, 1, &v, &s) < 0)
		return -EINVAL;
	if (cfg_mac_parse(v, mac) < 0) {
		cfg_report(ctx, s, obj, "bad mac \"%s\" (expected xx:xx:xx:xx:xx:xx)", v);
		return -EINVAL;
	}
	if (mac[0] & 1) {
		cfg_report(ctx, s, obj, "mac %s is a multicast address", v);
		return -EINVAL;
	}
	if ((mac[0] | mac[1] | mac[2] | mac[3] | mac[4] | mac[5]) == 0) {
		cfg_report(ctx, s, obj, "mac %s is all zeros", v);
		return -EINVAL;
	}
	return 0;
}

static int parse_neigh(struct cfg_ctx *ctx, const config_setting_t *g, int idx)
{
	struct cfg_neigh *n = &ctx->cfg->neighs[ctx->cfg->n_neighs];
	const config_setting_t *s;
	char obj[OBJ_LEN];
	const char *v;
	int ret;

	memset(n, 0, sizeof(*n));
	n->loc = cfg_loc_of(ctx, g);
	n->port = -1;
	snprintf(obj, sizeof(obj), "neighbour #%d", idx + 1);
	ret = cfg_read_text(ctx, g, "address", obj, 1, &v, &s) < 0 ? -EINVAL : 0;
	if (ret == 0 && (cfg_ip_parse(v, &n->addr) < 0 || n->addr == 0)) {
		cfg_report(ctx, s, obj, "bad address \"%s\" (expected A.B.C.D)", v);
		ret = -EINVAL;
	}
	if (ret == 0)
		snprintf(obj, sizeof(obj), "neighbour %s", v);
	ret |= cfg_keys_check(ctx, g, obj, neigh_keys);
	ret |= cfg_read_neigh_mac(ctx, g, obj, n->mac);
	if (ret != 0)
		return -EINVAL;
	ctx->cfg->n_neighs++;
	return 0;
}

int cfg_neighs_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	unsigned int n;
	int ret = 0;

	if (cfg_check_group_list(ctx, s) < 0)
		return -EINVAL;
	n = (unsigned int)config_setting_length(s);
	ctx->cfg->neighs = calloc(n > 0 ? n : 1, sizeof(*ctx->cfg->neighs));
	if (ctx->cfg->neighs == NULL) {
		cfg_report(ctx, s, "", "neighbours: out of memory");
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < n; i++)
		if (parse_neigh(ctx, config_setting_get_elem(s, i), (int)i) < 0)
			ret = -EINVAL;
	return ret;
}
