/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The IPv6 side of a port group: IPv6 entries of `addresses` (global
 * unicast "ADDR/LEN") and `link_local` (the port's fe80::/64 address;
 * left out, the fast path derives it from the port MAC by EUI-64 at start,
 * fwd_ip6_eui64_link_local). Cross-port checks are in cfg_validate6.c.
 */
#include <errno.h>
#include <string.h>

#include "cfg_inet6.h"
#include "cfg_keys.h"

int cfg_read_ifaddr6(const struct cfg_ctx *ctx, const config_setting_t *e, const char *obj,
                     const char *v, struct cfg_ifaddr6 *addrs6, unsigned int *n6)
{
	struct cfg_ifaddr6 *a = &addrs6[*n6];
	const char *why;

	if (*n6 >= CFG_PORT_ADDRS6_MAX) {
		cfg_report(ctx, e, obj, "more than %d IPv6 addresses", CFG_PORT_ADDRS6_MAX);
		return -EINVAL;
	}
	if (cfg_prefix6_parse(v, a->addr, &a->len) < 0) {
		cfg_report(ctx, e, obj, "bad address \"%s\" (expected an IPv6 ADDR/LEN)", v);
		return -EINVAL;
	}
	if (a->len == 0) {
		cfg_report(ctx, e, obj, "address %s: prefix length 0 out of range 1-128", v);
		return -EINVAL;
	}
	why = cfg_ip6_not_unicast(a->addr);
	if (why != NULL) {
		cfg_report(ctx, e, obj, "address %s is %s", v, why);
		return -EINVAL;
	}
	if (cfg_ip6_is_link_local(a->addr)) {
		cfg_report(
		    ctx, e, obj,
		    "address %s is link-local: give it as link_local = \"ADDR\" (one per port)", v);
		return -EINVAL;
	}
	a->loc = cfg_loc_of(ctx, e);
	(*n6)++;
	return 0;
}

/* fe80::/64 with a non-zero interface identifier (RFC 4291 2.5.6). */
static bool link_local_ok(const uint8_t a[16])
{
	static const uint8_t pfx[8] = {0xfe, 0x80};
	static const uint8_t zero[8];

	return memcmp(a, pfx, 8) == 0 && memcmp(a + 8, zero, 8) != 0;
}

int cfg_port6_parse(const struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                    struct cfg_port *port)
{
	const config_setting_t *s;
	const char *v;
	int ret = cfg_read_text(ctx, g, "link_local", obj, 0, &v, &s);

	if (ret == -ENOENT)
		return 0;
	if (ret < 0)
		return -EINVAL;
	if (cfg_ip6_parse(v, port->link_local) < 0 || !link_local_ok(port->link_local)) {
		cfg_report(ctx, s, obj,
		           "bad link_local \"%s\" (expected fe80::ID, an address of fe80::/64 "
		           "without /LEN)",
		           v);
		return -EINVAL;
	}
	port->link_local_set = true;
	port->link_local_loc = cfg_loc_of(ctx, s);
	return 0;
}
