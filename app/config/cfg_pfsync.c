/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pfsync = { syncdev = "sync0"; syncpeer = "198.51.100.2"; maxupd = 128;
 *            defer = false; defer_us = 1000; auth = "off"; key = "hex"; };
 *
 * OpenBSD's ifconfig pfsync0 words (syncdev, syncpeer, maxupd, defer) plus
 * the authentication lib/pfsync adds (docs/pfsync.md §5). syncdev is one of
 * the ports, a dedicated link as the seeds recommend; the sync packets'
 * source is its first address. Ranges are lib/pfsync's own, checked here so
 * the error names the key's line.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cfg_inet.h"
#include "cfg_sections.h"
#include "pfsync_auth.h"
#include "pfsync_proto.h"

static const char *const pfsync_keys[] = {
    "syncdev", "syncpeer", "maxupd", "defer", "defer_us", "auth", "key", "key_previous", NULL};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A key as hex digits: PFSYNC_KEY_MIN..MAX bytes. */
static int read_key(struct cfg_ctx *ctx, const config_setting_t *s, const char *name, uint8_t *out,
                    unsigned int *len)
{
	const config_setting_t *ks;
	const char *hex;
	size_t n;
	int ret = cfg_read_text(ctx, s, name, "pfsync", 0, &hex, &ks);

	if (ret == -ENOENT)
		return 0;
	if (ret < 0)
		return -EINVAL;
	n = strlen(hex);
	if (n % 2 != 0 || n / 2 < PFSYNC_KEY_MIN || n / 2 > PFSYNC_KEY_MAX) {
		cfg_report(ctx, ks, "pfsync",
		           "%s: %zu hex digits, expected an even number from %d to %d", name, n,
		           2 * PFSYNC_KEY_MIN, 2 * PFSYNC_KEY_MAX);
		return -EINVAL;
	}
	for (size_t i = 0; i < n / 2; i++) {
		int hi = hexval(hex[2 * i]), lo = hexval(hex[2 * i + 1]);

		if (hi < 0 || lo < 0) {
			cfg_report(ctx, ks, "pfsync", "%s: \"%c%c\" is not a hex byte", name,
			           hex[2 * i], hex[2 * i + 1]);
			return -EINVAL;
		}
		out[i] = (uint8_t)(hi << 4 | lo);
	}
	*len = (unsigned int)(n / 2);
	return 0;
}

static int read_peer(struct cfg_ctx *ctx, const config_setting_t *s, struct cfg_pfsync *p)
{
	char text[CFG_IP_STRLEN + 8];
	const config_setting_t *ps;
	int ret = cfg_read_str(ctx, s, "syncpeer", "pfsync", 0, text, sizeof(text), &ps);

	p->syncpeer = CFG_PFSYNC_MCAST;
	if (ret == -ENOENT && ps == NULL)
		return 0;
	if (ret < 0)
		return -EINVAL;
	p->syncpeer_loc = cfg_loc_of(ctx, ps);
	if (cfg_ip_parse(text, &p->syncpeer) < 0) {
		cfg_report(ctx, ps, "pfsync", "syncpeer \"%s\" is not an IPv4 address", text);
		return -EINVAL;
	}
	if (p->syncpeer == 0 || p->syncpeer == UINT32_MAX) {
		cfg_report(ctx, ps, "pfsync", "syncpeer %s must be unicast or multicast", text);
		return -EINVAL;
	}
	return 0;
}

int cfg_pfsync_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	static const char *const modes[] = {
#define X(e, n) n,
	    PFSYNC_AUTH_MODES(X)
#undef X
	};
	struct cfg_pfsync *p = &ctx->cfg->pfsync;
	const config_setting_t *ds;
	int ret = 0, m;

	if (!config_setting_is_group(s)) {
		cfg_report(ctx, s, "",
		           "pfsync must be a group: pfsync = { syncdev = \"sync0\"; };");
		return -EINVAL;
	}
	p->present = true;
	p->port = -1;
	p->loc = cfg_loc_of(ctx, s);
	if (cfg_keys_check(ctx, s, "pfsync", pfsync_keys) < 0)
		return -EINVAL;
	if (cfg_read_str(ctx, s, "syncdev", "pfsync", 1, p->syncdev, sizeof(p->syncdev), &ds) < 0)
		ret = -EINVAL;
	else
		p->syncdev_loc = cfg_loc_of(ctx, ds);
	if (read_peer(ctx, s, p) < 0)
		ret = -EINVAL;
	if (cfg_read_uint(ctx, s, "maxupd", "pfsync", 0, PFSYNC_MAXUPD_MAX, PFSYNC_MAXUPD_DEFAULT,
	                  &p->maxupd) < 0)
		ret = -EINVAL;
	if (cfg_read_bool(ctx, s, "defer", "pfsync", false, &p->defer) < 0)
		ret = -EINVAL;
	if (cfg_read_uint(ctx, s, "defer_us", "pfsync", 1, 1000000, 1000, &p->defer_us) < 0)
		ret = -EINVAL;
	m = cfg_read_choice(ctx, s, "auth", "pfsync", modes, sizeof(modes) / sizeof(modes[0]));
	if (m == -EINVAL)
		ret = -EINVAL;
	p->auth = m >= 0 ? (unsigned int)m : PFSYNC_AUTH_OFF;
	if (m >= 0)
		p->auth_loc = cfg_loc_of(ctx, config_setting_get_member(s, "auth"));
	if (read_key(ctx, s, "key", p->key[0], &p->key_len[0]) < 0 ||
	    read_key(ctx, s, "key_previous", p->key[1], &p->key_len[1]) < 0)
		ret = -EINVAL;
	if (ret == 0 && p->auth != PFSYNC_AUTH_OFF && p->key_len[0] == 0) {
		cfg_report(ctx, s, "pfsync", "auth \"%s\" needs a key", modes[p->auth]);
		ret = -EINVAL;
	}
	return ret;
}

int cfg_pfsync_validate(struct cfg *cfg, struct cfg_errors *errs)
{
	struct cfg_pfsync *p = &cfg->pfsync;
	const struct cfg_port *port;
	char ip[CFG_IP_STRLEN];

	if (!p->present)
		return 0;
	p->port = cfg_port_find(cfg, p->syncdev);
	if (p->port < 0) {
		cfg_errorf(errs, p->syncdev_loc.file, p->syncdev_loc.line,
		           "pfsync: syncdev \"%s\" is not a port", p->syncdev);
		return -EINVAL;
	}
	port = &cfg->ports[p->port];
	if (port->n_addrs == 0) {
		cfg_errorf(errs, p->syncdev_loc.file, p->syncdev_loc.line,
		           "pfsync: syncdev \"%s\" has no address to send from", p->syncdev);
		return -EINVAL;
	}
	p->src = port->addrs[0].addr;
	if (!cfg->filter.present) {
		cfg_errorf(errs, p->loc.file, p->loc.line,
		           "pfsync: no filter section (pfsync synchronises the filter's states)");
		return -EINVAL;
	}
	/* A unicast peer is a neighbour on the sync link: its MAC comes from there. */
	if (p->syncpeer >> 28 != 0xe && cfg_port_subnet(port, p->syncpeer) == NULL) {
		cfg_errorf(errs, p->syncpeer_loc.file, p->syncpeer_loc.line,
		           "pfsync: syncpeer %s is not in a subnet of syncdev \"%s\"",
		           cfg_ip_str(p->syncpeer, ip), p->syncdev);
		return -EINVAL;
	}
	/* lib/pfsync holds and releases; the fast path does not hand it packets yet */
	if (p->defer)
		cfg_errorf(&cfg->warnings, p->loc.file, p->loc.line,
		           "pfsync: defer is not applied yet: first packets are sent at once "
		           "(docs/pfsync.md)");
	return 0;
}

bool cfg_pfsync_same(const struct cfg_pfsync *a, const struct cfg_pfsync *b)
{
	if (a->present != b->present)
		return false;
	if (!a->present)
		return true;
	return strcmp(a->syncdev, b->syncdev) == 0 && a->syncpeer == b->syncpeer &&
	       a->maxupd == b->maxupd && a->defer == b->defer && a->defer_us == b->defer_us &&
	       a->auth == b->auth && a->key_len[0] == b->key_len[0] &&
	       a->key_len[1] == b->key_len[1] && memcmp(a->key[0], b->key[0], a->key_len[0]) == 0 &&
	       memcmp(a->key[1], b->key[1], a->key_len[1]) == 0;
}
