/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * neighbours6 = ( { address = "2001:db8:1::10"; mac = "xx:xx:xx:xx:xx:xx"; },
 *                 { address = "fe80::1"; mac = "..."; port = "wan0"; } );
 * Static IPv6 neighbours: a global address's port is the one whose subnet
 * holds it (cfg_validate6.c); a link-local one names its port.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_inet6.h"
#include "cfg_sections.h"

#define OBJ_LEN 64

static const char *const neigh6_keys[] = {"address", "mac", "port", NULL};

static int parse_address(struct cfg_ctx *ctx, const config_setting_t *g, struct cfg_neigh6 *n,
                         char obj[OBJ_LEN])
{
	const config_setting_t *s;
	const char *v, *why;

	if (cfg_read_text(ctx, g, "address", obj, 1, &v, &s) < 0)
		return -EINVAL;
	if (cfg_ip6_parse(v, n->addr) < 0) {
		cfg_report(ctx, s, obj, "bad address \"%s\" (expected an IPv6 address)", v);
		return -EINVAL;
	}
	snprintf(obj, OBJ_LEN, "neighbour6 %s", v);
	why = cfg_ip6_not_unicast(n->addr);
	if (why != NULL) {
		cfg_report(ctx, s, obj, "address is %s", why);
		return -EINVAL;
	}
	return 0;
}

static int parse_neigh6(struct cfg_ctx *ctx, const config_setting_t *g, int idx)
{
	struct cfg_neigh6 *n = &ctx->cfg->neighs6[ctx->cfg->n_neighs6];
	char obj[OBJ_LEN];
	int ret;

	memset(n, 0, sizeof(*n));
	n->loc = cfg_loc_of(ctx, g);
	n->port = -1;
	snprintf(obj, sizeof(obj), "neighbour6 #%d", idx + 1);
	ret = parse_address(ctx, g, n, obj);
	ret |= cfg_keys_check(ctx, g, obj, neigh6_keys);
	ret |= cfg_read_neigh_mac(ctx, g, obj, n->mac);
	if (config_setting_get_member(g, "port") != NULL)
		ret |= cfg_read_str(ctx, g, "port", obj, 1, n->port_name, sizeof(n->port_name),
		                    NULL) < 0
		           ? -EINVAL
		           : 0;
	else if (ret == 0 && cfg_ip6_is_link_local(n->addr)) {
		cfg_report(ctx, g, obj, "a link-local neighbour needs port (the link it is on)");
		ret = -EINVAL;
	}
	if (ret != 0)
		return -EINVAL;
	ctx->cfg->n_neighs6++;
	return 0;
}

int cfg_neighs6_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	unsigned int n;
	int ret = 0;

	ctx->cfg->neighs6_loc = cfg_loc_of(ctx, s);
	if (cfg_check_group_list(ctx, s) < 0)
		return -EINVAL;
	n = (unsigned int)config_setting_length(s);
	ctx->cfg->neighs6 = calloc(n > 0 ? n : 1, sizeof(*ctx->cfg->neighs6));
	if (ctx->cfg->neighs6 == NULL) {
		cfg_report(ctx, s, "", "neighbours6: out of memory");
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < n; i++)
		if (parse_neigh6(ctx, config_setting_get_elem(s, i), (int)i) < 0)
			ret = -EINVAL;
	return ret;
}
