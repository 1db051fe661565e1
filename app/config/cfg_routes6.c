/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * routes6 = ( { prefix = "2001:db8:2::/48"; via = "2001:db8:1::2"; },         # gateway
 *             { prefix = "::/0"; via = "fe80::1"; port = "wan0"; },           # link-local gateway
 *             { prefix = "2001:db8:3::/64"; port = "lan0"; } );               # connected
 * A link-local gateway names its link (port); a global one is found on a
 * connected subnet (cfg_validate6.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_inet6.h"
#include "cfg_sections.h"

#define OBJ_LEN 64

static const char *const route6_keys[] = {"prefix", "via", "port", NULL};

/* prefix key; on success obj becomes "route6 PREFIX/LEN". */
static int parse_prefix(struct cfg_ctx *ctx, const config_setting_t *g, struct cfg_route6 *r,
                        char obj[OBJ_LEN])
{
	const config_setting_t *s;
	char p[CFG_PFX6_STRLEN];
	uint8_t m[16];
	const char *v;

	if (cfg_read_text(ctx, g, "prefix", obj, 1, &v, &s) < 0)
		return -EINVAL;
	if (cfg_prefix6_parse(v, r->prefix, &r->len) < 0) {
		cfg_report(ctx, s, obj, "bad prefix \"%s\" (expected an IPv6 PREFIX/LEN)", v);
		return -EINVAL;
	}
	snprintf(obj, OBJ_LEN, "route6 %s", v);
	memcpy(m, r->prefix, 16);
	cfg_ip6_mask(m, r->len);
	if (memcmp(m, r->prefix, 16) != 0) {
		cfg_report(ctx, s, obj, "host bits set (did you mean %s?)",
		           cfg_prefix6_str(m, r->len, p));
		return -EINVAL;
	}
	if (r->len > 0 && (r->prefix[0] == 0xff || cfg_ip6_is_link_local(r->prefix))) {
		cfg_report(ctx, s, obj, "%s prefixes are not routed",
		           r->prefix[0] == 0xff ? "multicast" : "link-local");
		return -EINVAL;
	}
	return 0;
}

static int parse_nexthop(struct cfg_ctx *ctx, const config_setting_t *g, struct cfg_route6 *r,
                         const char *obj)
{
	const config_setting_t *via = config_setting_get_member(g, "via");
	const config_setting_t *port = config_setting_get_member(g, "port");
	const config_setting_t *s;
	const char *v, *why;

	if (via == NULL && port == NULL) {
		cfg_report(ctx, g, obj, "needs via (gateway) or port (directly connected)");
		return -EINVAL;
	}
	if (port != NULL &&
	    cfg_read_str(ctx, g, "port", obj, 1, r->port_name, sizeof(r->port_name), NULL) < 0)
		return -EINVAL;
	if (via == NULL)
		return 0;
	if (cfg_read_text(ctx, g, "via", obj, 1, &v, &s) < 0)
		return -EINVAL;
	if (cfg_ip6_parse(v, r->gateway) < 0) {
		cfg_report(ctx, s, obj, "bad gateway \"%s\" (expected an IPv6 address)", v);
		return -EINVAL;
	}
	why = cfg_ip6_not_unicast(r->gateway);
	if (why != NULL) {
		cfg_report(ctx, s, obj, "gateway %s is %s", v, why);
		return -EINVAL;
	}
	if (cfg_ip6_is_link_local(r->gateway) && port == NULL) {
		cfg_report(ctx, s, obj, "link-local gateway %s needs port (the link it is on)", v);
		return -EINVAL;
	}
	if (!cfg_ip6_is_link_local(r->gateway) && port != NULL) {
		cfg_report(ctx, port, obj,
		           "port is only for a link-local gateway (a global one is found on its "
		           "connected subnet)");
		return -EINVAL;
	}
	r->has_gateway = true;
	return 0;
}

static int parse_route6(struct cfg_ctx *ctx, const config_setting_t *g, int idx)
{
	struct cfg_route6 *r = &ctx->cfg->routes6[ctx->cfg->n_routes6];
	char obj[OBJ_LEN];
	int ret;

	memset(r, 0, sizeof(*r));
	r->loc = cfg_loc_of(ctx, g);
	r->port = -1;
	snprintf(obj, sizeof(obj), "route6 #%d", idx + 1);
	ret = parse_prefix(ctx, g, r, obj);
	ret |= cfg_keys_check(ctx, g, obj, route6_keys);
	ret |= parse_nexthop(ctx, g, r, obj);
	if (ret != 0)
		return -EINVAL;
	ctx->cfg->n_routes6++;
	return 0;
}

int cfg_routes6_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	unsigned int n;
	int ret = 0;

	ctx->cfg->routes6_loc = cfg_loc_of(ctx, s);
	if (cfg_check_group_list(ctx, s) < 0)
		return -EINVAL;
	n = (unsigned int)config_setting_length(s);
	ctx->cfg->routes6 = calloc(n > 0 ? n : 1, sizeof(*ctx->cfg->routes6));
	if (ctx->cfg->routes6 == NULL) {
		cfg_report(ctx, s, "", "routes6: out of memory");
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < n; i++)
		if (parse_route6(ctx, config_setting_get_elem(s, i), (int)i) < 0)
			ret = -EINVAL;
	return ret;
}
