/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * routes = ( { prefix = "A.B.C.D/LEN"; via = "A.B.C.D"; },     # through a gateway
 *            { prefix = "A.B.C.D/LEN"; port = "lan0"; } );      # directly connected
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_inet.h"
#include "cfg_sections.h"

#define OBJ_LEN 40

static const char *const route_keys[] = {"prefix", "via", "port", NULL};

/* prefix key; on success obj becomes "route A.B.C.D/LEN". */
static int parse_prefix(struct cfg_ctx *ctx, const config_setting_t *g, struct cfg_route *r,
                        char obj[OBJ_LEN])
{
	const config_setting_t *s;
	char p[CFG_PFX_STRLEN];
	const char *v;
	int ret = cfg_read_text(ctx, g, "prefix", obj, 1, &v, &s);

	if (ret < 0)
		return -EINVAL;
	if (cfg_prefix_parse(v, &r->prefix, &r->len) < 0) {
		cfg_report(ctx, s, obj, "bad prefix \"%s\" (expected A.B.C.D/LEN)", v);
		return -EINVAL;
	}
	snprintf(obj, OBJ_LEN, "route %s", v);
	if ((r->prefix & ~inet4_mask(r->len)) != 0) {
		cfg_report(ctx, s, obj, "host bits set (did you mean %s?)",
		           cfg_prefix_str(r->prefix & inet4_mask(r->len), r->len, p));
		return -EINVAL;
	}
	return 0;
}

static int parse_nexthop(struct cfg_ctx *ctx, const config_setting_t *g, struct cfg_route *r,
                         const char *obj)
{
	const config_setting_t *via = config_setting_get_member(g, "via");
	const config_setting_t *s;
	const char *v;

	if (via != NULL && config_setting_get_member(g, "port") != NULL) {
		cfg_report(ctx, g, obj,
		           "give either via (gateway) or port (directly connected), not both");
		return -EINVAL;
	}
	if (via == NULL && config_setting_get_member(g, "port") == NULL) {
		cfg_report(ctx, g, obj, "needs via (gateway) or port (directly connected)");
		return -EINVAL;
	}
	if (via == NULL)
		return cfg_read_str(ctx, g, "port", obj, 1, r->port_name, sizeof(r->port_name),
		                    NULL) < 0
		           ? -EINVAL
		           : 0;
	if (cfg_read_text(ctx, g, "via", obj, 1, &v, &s) < 0)
		return -EINVAL;
	if (cfg_ip_parse(v, &r->gateway) < 0 || r->gateway == 0) {
		cfg_report(ctx, s, obj, "bad gateway \"%s\" (expected A.B.C.D)", v);
		return -EINVAL;
	}
	return 0;
}

static int parse_route(struct cfg_ctx *ctx, const config_setting_t *g, int idx)
{
	struct cfg_route *r = &ctx->cfg->routes[ctx->cfg->n_routes];
	char obj[OBJ_LEN];
	int ret;

	memset(r, 0, sizeof(*r));
	r->loc = cfg_loc_of(ctx, g);
	r->port = -1;
	snprintf(obj, sizeof(obj), "route #%d", idx + 1);
	ret = parse_prefix(ctx, g, r, obj);
	ret |= cfg_keys_check(ctx, g, obj, route_keys);
	ret |= parse_nexthop(ctx, g, r, obj);
	if (ret != 0)
		return -EINVAL;
	ctx->cfg->n_routes++;
	return 0;
}

int cfg_routes_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	unsigned int n;
	int ret = 0;

	ctx->cfg->routes_loc = cfg_loc_of(ctx, s);
	if (cfg_check_group_list(ctx, s) < 0)
		return -EINVAL;
	n = (unsigned int)config_setting_length(s);
	ctx->cfg->routes = calloc(n > 0 ? n : 1, sizeof(*ctx->cfg->routes));
	if (ctx->cfg->routes == NULL) {
		cfg_report(ctx, s, "", "routes: out of memory");
		return -ENOMEM;
	}
	for (unsigned int i = 0; i < n; i++)
		if (parse_route(ctx, config_setting_get_elem(s, i), (int)i) < 0)
			ret = -EINVAL;
	return ret;
}
