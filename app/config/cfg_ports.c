/* SPDX-License-Identifier: BSD-2-Clause */
/* ports = ( { name; device; rx_queues; rx_desc; tx_desc; mtu; addresses; link_local; }, ... ); */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_sections.h"

#define OBJ_LEN 32

static const char *const port_keys[] = {
    "name", "device", "rx_queues", "rx_desc", "tx_desc", "mtu", "addresses", "link_local", NULL,
};

static int parse_port(struct cfg_ctx *ctx, const config_setting_t *g, int idx)
{
	struct cfg_port *port = &ctx->cfg->ports[ctx->cfg->n_ports];
	const config_setting_t *dev = NULL;
	const config_setting_t *addrs;
	char obj[OBJ_LEN];
	uint32_t v[5] = {0};
	int ret;

	memset(port, 0, sizeof(*port));
	port->loc = cfg_loc_of(ctx, g);
	snprintf(obj, sizeof(obj), "port #%d", idx + 1);
	ret = cfg_read_str(ctx, g, "name", obj, 1, port->name, sizeof(port->name), NULL);
	/* names appear in logs, telemetry and routes: keep them identifier-like */
	if (ret == 0 && !cfg_name_valid(port->name)) {
		cfg_report(ctx, config_setting_get_member(g, "name"), obj,
		           "name \"%s\" may hold only letters, digits, '_', '-', '.'", port->name);
		ret = -EINVAL;
	}
	if (ret == 0)
		snprintf(obj, sizeof(obj), "port \"%s\"", port->name);

	ret |= cfg_keys_check(ctx, g, obj, port_keys);
	ret |= cfg_read_str(ctx, g, "device", obj, 1, port->device, sizeof(port->device), &dev);
	if (dev != NULL)
		port->device_loc = cfg_loc_of(ctx, dev);
	ret |= cfg_read_uint(ctx, g, "rx_queues", obj, 1, 64, 1, &v[0]);
	ret |= cfg_read_uint(ctx, g, "rx_desc", obj, 64, 16384, 1024, &v[2]);
	ret |= cfg_read_uint(ctx, g, "tx_desc", obj, 64, 16384, 1024, &v[3]);
	ret |= cfg_read_uint(ctx, g, "mtu", obj, 68, 9600, 1500, &v[4]);
	addrs = config_setting_get_member(g, "addresses");
	if (addrs != NULL)
		ret |= cfg_read_ifaddrs46(ctx, addrs, obj, port->addrs, CFG_PORT_ADDRS_MAX,
		                          &port->n_addrs, port->addrs6, &port->n_addrs6);
	ret |= cfg_port6_parse(ctx, g, obj, port);
	if (ret != 0)
		return -EINVAL;
	port->rx_queues = (uint16_t)v[0];
	port->rx_desc = (uint16_t)v[2];
	port->tx_desc = (uint16_t)v[3];
	port->mtu = (uint16_t)v[4];
	ctx->cfg->n_ports++;
	return 0;
}

int cfg_ports_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	int ret = 0;

	ctx->cfg->ports_loc = cfg_loc_of(ctx, s);
	if (cfg_check_group_list(ctx, s) < 0)
		return -EINVAL;
	if (config_setting_length(s) > CFG_PORTS_MAX) {
		cfg_report(ctx, s, "", "more than %d ports", CFG_PORTS_MAX);
		return -EINVAL;
	}
	for (int i = 0; i < config_setting_length(s); i++)
		if (parse_port(ctx, config_setting_get_elem(s, (unsigned int)i), i) < 0)
			ret = -EINVAL;
	return ret;
}
