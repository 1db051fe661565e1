/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The carp section (OpenBSD vocabulary) and control_lcore: type and range of
 * every key. Cross-object checks (carpdev, subnets, vhid uniqueness) are in
 * cfg_carp_check.c, run by cfg_validate.
 *
 * carp = { allow; preempt; log; boot_demote; hook; hook_timeout_ms;
 *          punt = { rate; burst; };
 *          interfaces = ( { name; carpdev; vhid | carpnodes; advbase; advskew;
 *                           pass; addresses; balancing; carppeer; state;
 *                           groups; hook; lladdr; }, ... ); };
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_inet.h"
#include "cfg_sections.h"

#define OBJ_LEN              48
#define DEFAULT_LOG          2 /* LOG_CRIT: state changes only, as OpenBSD */
#define DEFAULT_HOOK_TIMEOUT 5000

static const char *const balancing_names[] = {
#define BAL_NAME(name, up) [CFG_CARP_BAL_##up] = name,
    CFG_CARP_BALANCING(BAL_NAME)
#undef BAL_NAME
};

/* "none" is the absence of the key, not a value one can write. */
static const char *const state_names[] = {
#define STATE_NAME(name, up) [CFG_CARP_STATE_##up] = name,
    CFG_CARP_STATES(STATE_NAME)
#undef STATE_NAME
};

static const char *const global_keys[] = {
    "allow", "preempt", "log", "boot_demote", "hook", "hook_timeout_ms", "punt", "interfaces", NULL,
};

static const char *const if_keys[] = {
    "name",      "carpdev",  "vhid",  "carpnodes", "advbase", "advskew", "pass", "addresses",
    "balancing", "carppeer", "state", "groups",    "hook",    "lladdr",  NULL,
};

const char *cfg_carp_balancing_name(enum cfg_carp_balancing b)
{
	return (unsigned int)b < CFG_CARP_BAL_COUNT ? balancing_names[b] : "?";
}

const char *cfg_carp_state_name(enum cfg_carp_state st)
{
	return (unsigned int)st < CFG_CARP_STATE_COUNT ? state_names[st] : "?";
}

int cfg_carp_find(const struct cfg *cfg, const char *name)
{
	for (unsigned int i = 0; i < cfg->carp.n_ifs; i++)
		if (strcmp(cfg->carp.ifs[i].name, name) == 0)
			return (int)i;
	return -1;
}

void cfg_carp_defaults(struct cfg_carp *carp)
{
	memset(carp, 0, sizeof(*carp));
	carp->allow = true;
	carp->preempt = false;
	carp->log = DEFAULT_LOG;
	carp->boot_demote = true;
	carp->hook_timeout_ms = DEFAULT_HOOK_TIMEOUT;
	carp->punt_rate = CFG_PUNT_RATE_DEFAULT;
	carp->punt_burst = CFG_PUNT_BURST_DEFAULT;
}

int cfg_control_lcore_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	uint32_t v;

	if (cfg_read_uint(ctx, s, NULL, "", 0, CFG_LCORE_MAX, 0, &v) < 0)
		return -EINVAL;
	ctx->cfg->control_lcore = (uint16_t)v;
	ctx->cfg->control_lcore_set = true;
	ctx->cfg->control_lcore_loc = cfg_loc_of(ctx, s);
	return 0;
}

/* The loc of key in group, or of the group when the key is absent. */
static struct cfg_loc key_loc(const struct cfg_ctx *ctx, const config_setting_t *g, const char *key)
{
	const config_setting_t *s = config_setting_get_member(g, key);

	return cfg_loc_of(ctx, s != NULL ? s : g);
}

/* "9" -> 9 for 1-3 decimal digits exactly spanning [p, end); else -1. */
static long small_number(const char *p, const char *end)
{
	long v = 0;

	if (end <= p || end - p > 3)
		return -1;
	for (; p < end; p++) {
		if (!isdigit((unsigned char)*p))
			return -1;
		v = v * 10 + (*p - '0');
	}
	return v;
}

/* carpnodes = "VHID:ADVSKEW,VHID:ADVSKEW,..." as ifconfig carpN carpnodes. */
static int parse_carpnodes(struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                           struct cfg_carp_if *ci)
{
	const char *v = config_setting_get_string(s);
	const char *p = v;

	while (true) {
		const char *comma = strchr(p, ',');
		const char *end = comma != NULL ? comma : p + strlen(p);
		const char *colon = memchr(p, ':', (size_t)(end - p));
		long vhid = colon != NULL ? small_number(p, colon) : -1;
		long skew = colon != NULL ? small_number(colon + 1, end) : -1;

		if (vhid < 0 || skew < 0) {
			cfg_report(ctx, s, obj,
			           "carpnodes: bad node \"%.*s\" (expected VHID:ADVSKEW,... e.g. "
			           "\"3:0,4:100\")",
			           (int)(end - p), p);
			return -EINVAL;
		}
		if (ci->n_nodes == CFG_CARP_NODES_MAX) {
			cfg_report(ctx, s, obj, "more than %d carpnodes", CFG_CARP_NODES_MAX);
			return -EINVAL;
		}
		if (vhid < 1 || vhid > 255) {
			cfg_report(ctx, s, obj, "carpnodes: vhid %ld out of range 1-255", vhid);
			return -EINVAL;
		}
		if (skew > 254) {
			cfg_report(ctx, s, obj,
			           "carpnodes: vhid %ld: advskew %ld out of range 0-254", vhid,
			           skew);
			return -EINVAL;
		}
		ci->nodes[ci->n_nodes++] = (struct cfg_carp_node){
		    .vhid = (uint8_t)vhid,
		    .advskew = (uint8_t)skew,
		};
		if (comma == NULL)
			return 0;
		p = comma + 1;
	}
}

/* Exactly one of vhid (+ advskew) or carpnodes. */
static int parse_nodes(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                       struct cfg_carp_if *ci)
{
	const config_setting_t *vhid = config_setting_get_member(g, "vhid");
	const config_setting_t *nodes = NULL;
	const config_setting_t *skew = config_setting_get_member(g, "advskew");
	const char *text;
	uint32_t v, a;
	int ret = cfg_read_text(ctx, g, "carpnodes", obj, 0, &text, &nodes);

	if (ret == -EINVAL)
		return ret;
	if (vhid != NULL && nodes != NULL) {
		cfg_report(ctx, nodes, obj, "vhid and carpnodes are exclusive (give one of them)");
		return -EINVAL;
	}
	if (nodes != NULL) {
		ci->nodes_loc = cfg_loc_of(ctx, nodes);
		ci->carpnodes = true;
		if (skew != NULL) {
			cfg_report(ctx, skew, obj,
			           "advskew goes with vhid; with carpnodes each node has its own "
			           "(\"VHID:ADVSKEW\")");
			return -EINVAL;
		}
		return parse_carpnodes(ctx, nodes, obj, ci);
	}
	if (vhid == NULL) {
		cfg_report(ctx, g, obj, "missing vhid (or carpnodes)");
		return -EINVAL;
	}
	ci->nodes_loc = cfg_loc_of(ctx, vhid);
	ret = cfg_read_uint(ctx, g, "vhid", obj, 1, 255, 1, &v);
	ret |= cfg_read_uint(ctx, g, "advskew", obj, 0, 254, 0, &a);
	if (ret != 0)
		return -EINVAL;
	ci->n_nodes = 1;
	ci->nodes[0] = (struct cfg_carp_node){.vhid = (uint8_t)v, .advskew = (uint8_t)a};
	return 0;
}

static int parse_pass(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                      struct cfg_carp_if *ci)
{
	const config_setting_t *s;
	const char *v;
	int ret = cfg_read_text(ctx, g, "pass", obj, 0, &v, &s);

	if (ret == -ENOENT)
		return 0;
	if (ret < 0)
		return ret;
	ci->pass_loc = cfg_loc_of(ctx, s);
	/* OpenBSD's ifconfig silently keeps the first 19 bytes: refuse instead. */
	if (strlen(v) > CFG_CARP_PASS_MAX) {
		cfg_report(ctx, s, obj, "passphrase longer than %d bytes", CFG_CARP_PASS_MAX);
		return -EINVAL;
	}
	ci->pass_len = (uint8_t)strlen(v);
	memcpy(ci->pass, v, ci->pass_len);
	return 0;
}

/* A list "[ ... ]" or "( ... )" of 1..max strings; reports otherwise. */
static int check_string_list(struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                             const char *example, int max, const char *plural)
{
	const char *key = config_setting_name(s);
	int n = config_setting_length(s);

	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		cfg_report(ctx, s, obj, "%s must be a list of strings: %s = [ %s ];", key, key,
		           example);
		return -EINVAL;
	}
	if (n == 0) {
		cfg_report(ctx, s, obj, "%s is empty", key);
		return -EINVAL;
	}
	if (n > max) {
		cfg_report(ctx, s, obj, "more than %d %s", max, plural);
		return -EINVAL;
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned int)i);

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			cfg_report(ctx, e, obj, "%s: element %d must be a string", key, i + 1);
			return -EINVAL;
		}
	}
	return 0;
}

static int parse_addresses(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                           struct cfg_carp_if *ci)
{
	const config_setting_t *s = config_setting_get_member(g, "addresses");

	if (s == NULL) {
		cfg_report(ctx, g, obj, "missing addresses");
		return -EINVAL;
	}
	ci->addrs_loc = cfg_loc_of(ctx, s);
	if ((config_setting_is_array(s) || config_setting_is_list(s)) &&
	    config_setting_length(s) == 0) {
		cfg_report(ctx, s, obj, "addresses is empty");
		return -EINVAL;
	}
	return cfg_read_ifaddrs(ctx, s, obj, ci->addrs, CFG_CARP_ADDRS_MAX, &ci->n_addrs);
}

/* groups = [ "dmz" ]: as `ifconfig carpN group dmz`; "carp" is implicit. */
static int parse_groups(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                        struct cfg_carp_if *ci)
{
	const config_setting_t *s = config_setting_get_member(g, "groups");

	if (s == NULL)
		return 0;
	ci->groups_loc = cfg_loc_of(ctx, s);
	if (check_string_list(ctx, s, obj, "\"dmz\"", CFG_CARP_GROUPS_MAX, "groups") < 0)
		return -EINVAL;
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned int)i);
		const char *v = config_setting_get_string(e);
		size_t len = strlen(v);

		if (len == 0 || len >= CFG_CARP_GROUP_LEN || !cfg_name_valid(v)) {
			cfg_report(ctx, e, obj,
			           "group \"%s\": name must be 1-%d letters, digits, '_', '-', '.'",
			           v, CFG_CARP_GROUP_LEN - 1);
			return -EINVAL;
		}
		/* OpenBSD: a group name ending in a digit would look like an interface. */
		if (isdigit((unsigned char)v[len - 1])) {
			cfg_report(ctx, e, obj, "group \"%s\": name must not end in a digit", v);
			return -EINVAL;
		}
		if (strcmp(v, "carp") == 0) {
			cfg_report(ctx, e, obj,
			           "group \"carp\" is implicit (every carp interface is in it)");
			return -EINVAL;
		}
		for (unsigned int k = 0; k < ci->n_groups; k++)
			if (strcmp(ci->groups[k], v) == 0) {
				cfg_report(ctx, e, obj, "group \"%s\" listed twice", v);
				return -EINVAL;
			}
		memcpy(ci->groups[ci->n_groups++], v, len + 1);
	}
	return 0;
}

/* hook = "/path": run as HOOK IFACE VHID OLD NEW; absolute, so cwd never matters. */
static int parse_hook(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                      char hook[CFG_HOOK_LEN], struct cfg_loc *loc)
{
	const config_setting_t *s;
	int ret = cfg_read_str(ctx, g, "hook", obj, 0, hook, CFG_HOOK_LEN, &s);

	if (s != NULL)
		*loc = cfg_loc_of(ctx, s);
	if (ret == -ENOENT)
		return 0;
	if (ret < 0)
		return ret;
	if (hook[0] != '/') {
		cfg_report(ctx, s, obj, "hook \"%s\" must be an absolute path", hook);
		hook[0] = '\0';
		return -EINVAL;
	}
	return 0;
}

static int parse_lladdr(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                        struct cfg_carp_if *ci)
{
	const config_setting_t *s;
	const char *v;
	int ret = cfg_read_text(ctx, g, "lladdr", obj, 0, &v, &s);

	if (ret == -ENOENT)
		return 0;
	if (ret < 0)
		return ret;
	ci->lladdr_loc = cfg_loc_of(ctx, s);
	if (cfg_mac_parse(v, ci->lladdr) < 0) {
		cfg_report(ctx, s, obj, "bad lladdr \"%s\" (expected xx:xx:xx:xx:xx:xx)", v);
		return -EINVAL;
	}
	if ((ci->lladdr[0] & 1) != 0 || memcmp(ci->lladdr, "\0\0\0\0\0\0", 6) == 0) {
		cfg_report(ctx, s, obj, "lladdr %s is not a unicast MAC address", v);
		return -EINVAL;
	}
	ci->lladdr_set = true;
	return 0;
}

static int parse_carppeer(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                          struct cfg_carp_if *ci)
{
	const config_setting_t *s;
	const char *v;
	int ret = cfg_read_text(ctx, g, "carppeer", obj, 0, &v, &s);

	if (ret == -ENOENT)
		return 0;
	if (ret < 0)
		return ret;
	ci->carppeer_loc = cfg_loc_of(ctx, s);
	if (cfg_ipv6_refused(v) != NULL) {
		cfg_report(ctx, s, obj, "carppeer %s: %s", v, cfg_ipv6_refused(v));
		return -EINVAL;
	}
	if (cfg_ip_parse(v, &ci->carppeer) < 0) {
		cfg_report(ctx, s, obj, "bad carppeer \"%s\" (expected A.B.C.D)", v);
		return -EINVAL;
	}
	ci->carppeer_set = true;
	return 0;
}

static int parse_choices(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                         struct cfg_carp_if *ci)
{
	/* index 0 ("none") of the state table is not a value: hide it */
	const char *const states[] = {NULL, state_names[1], state_names[2]};
	int b = cfg_read_choice(ctx, g, "balancing", obj, balancing_names, CFG_CARP_BAL_COUNT);
	int st = cfg_read_choice(ctx, g, "state", obj, states, CFG_CARP_STATE_COUNT);

	_Static_assert(CFG_CARP_STATE_COUNT == 3, "state table");
	ci->balancing_loc = key_loc(ctx, g, "balancing");
	ci->state_loc = key_loc(ctx, g, "state");
	if (b >= 0) {
		ci->balancing_set = true;
		ci->balancing = (enum cfg_carp_balancing)b;
	}
	if (st >= 0)
		ci->state = (enum cfg_carp_state)st;
	return b == -EINVAL || st == -EINVAL ? -EINVAL : 0;
}

static int parse_if(struct cfg_ctx *ctx, const config_setting_t *g, int idx)
{
	struct cfg_carp *carp = &ctx->cfg->carp;
	struct cfg_carp_if *ci = &carp->ifs[carp->n_ifs];
	const config_setting_t *dev = NULL;
	char obj[OBJ_LEN];
	uint32_t advbase = 1;
	int ret;

	memset(ci, 0, sizeof(*ci));
	ci->carpdev_port = -1;
	ci->loc = cfg_loc_of(ctx, g);
	snprintf(obj, sizeof(obj), "carp interface #%d", idx + 1);
	ret = cfg_read_str(ctx, g, "name", obj, 1, ci->name, sizeof(ci->name), NULL);
	if (ret == 0 && !cfg_name_valid(ci->name)) {
		cfg_report(ctx, config_setting_get_member(g, "name"), obj,
		           "name \"%s\" may hold only letters, digits, '_', '-', '.'", ci->name);
		ret = -EINVAL;
	}
	if (ret == 0)
		snprintf(obj, sizeof(obj), "carp interface \"%s\"", ci->name);

	ret |= cfg_keys_check(ctx, g, obj, if_keys);
	ret |= cfg_read_str(ctx, g, "carpdev", obj, 1, ci->carpdev, sizeof(ci->carpdev), &dev);
	ci->carpdev_loc = cfg_loc_of(ctx, dev != NULL ? dev : g);
	ret |= parse_nodes(ctx, g, obj, ci);
	ret |= cfg_read_uint(ctx, g, "advbase", obj, 0, 254, 1, &advbase);
	ci->advbase = (uint8_t)advbase;
	ci->advbase_loc = key_loc(ctx, g, "advbase");
	ret |= parse_pass(ctx, g, obj, ci);
	ret |= parse_addresses(ctx, g, obj, ci);
	ret |= parse_choices(ctx, g, obj, ci);
	ret |= parse_carppeer(ctx, g, obj, ci);
	ret |= parse_groups(ctx, g, obj, ci);
	ret |= parse_hook(ctx, g, obj, ci->hook, &ci->hook_loc);
	ret |= parse_lladdr(ctx, g, obj, ci);
	if (ret != 0)
		return -EINVAL;
	carp->n_ifs++;
	return 0;
}

static int parse_interfaces(struct cfg_ctx *ctx, const config_setting_t *carp)
{
	const config_setting_t *s = config_setting_get_member(carp, "interfaces");
	int ret = 0;

	if (s == NULL) {
		cfg_report(ctx, carp, "carp", "missing interfaces");
		return -EINVAL;
	}
	ctx->cfg->carp.interfaces_loc = cfg_loc_of(ctx, s);
	if (cfg_check_group_list(ctx, s) < 0)
		return -EINVAL;
	if (config_setting_length(s) == 0) {
		cfg_report(ctx, s, "carp", "interfaces is empty");
		return -EINVAL;
	}
	if (config_setting_length(s) > CFG_CARP_IFS_MAX) {
		cfg_report(ctx, s, "carp", "more than %d carp interfaces", CFG_CARP_IFS_MAX);
		return -EINVAL;
	}
	for (int i = 0; i < config_setting_length(s); i++)
		if (parse_if(ctx, config_setting_get_elem(s, (unsigned int)i), i) < 0)
			ret = -EINVAL;
	return ret;
}

/* punt = { rate; burst; }: the per-port token bucket on adverts to the
 * control lcore (lib/fwd fwd_punt.h). */
static int parse_punt(struct cfg_ctx *ctx, const config_setting_t *carp)
{
	static const char *const keys[] = {"rate", "burst", NULL};
	const config_setting_t *s = config_setting_get_member(carp, "punt");
	struct cfg_carp *c = &ctx->cfg->carp;
	int ret;

	if (s == NULL)
		return 0;
	c->punt_loc = cfg_loc_of(ctx, s);
	if (!config_setting_is_group(s)) {
		cfg_report(ctx, s, "carp",
		           "punt must be a group: punt = { rate = N; burst = N; };");
		return -EINVAL;
	}
	ret = cfg_keys_check(ctx, s, "carp.punt", keys);
	ret |= cfg_read_uint(ctx, s, "rate", "carp.punt", 1, 10000000, c->punt_rate, &c->punt_rate);
	ret |= cfg_read_uint(ctx, s, "burst", "carp.punt", 1, 65536, c->punt_burst, &c->punt_burst);
	return ret;
}

int cfg_carp_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	struct cfg_carp *c = &ctx->cfg->carp;
	uint32_t log = c->log, timeout = c->hook_timeout_ms;
	int ret;

	c->present = true;
	c->loc = cfg_loc_of(ctx, s);
	if (!config_setting_is_group(s)) {
		cfg_report(ctx, s, "", "carp must be a group: carp = { interfaces = ( ... ); };");
		return -EINVAL;
	}
	ret = cfg_keys_check(ctx, s, "carp", global_keys);
	ret |= cfg_read_bool(ctx, s, "allow", "carp", c->allow, &c->allow);
	ret |= cfg_read_bool(ctx, s, "preempt", "carp", c->preempt, &c->preempt);
	ret |= cfg_read_bool(ctx, s, "boot_demote", "carp", c->boot_demote, &c->boot_demote);
	ret |= cfg_read_uint(ctx, s, "log", "carp", 0, 7, c->log, &log);
	ret |= cfg_read_uint(ctx, s, "hook_timeout_ms", "carp", 100, 60000, c->hook_timeout_ms,
	                     &timeout);
	ret |= parse_hook(ctx, s, "carp", c->hook, &c->hook_loc);
	ret |= parse_punt(ctx, s);
	c->allow_loc = key_loc(ctx, s, "allow");
	c->preempt_loc = key_loc(ctx, s, "preempt");
	c->boot_demote_loc = key_loc(ctx, s, "boot_demote");
	c->log_loc = key_loc(ctx, s, "log");
	c->hook_timeout_loc = key_loc(ctx, s, "hook_timeout_ms");
	c->log = (uint8_t)log;
	c->hook_timeout_ms = timeout;
	ret |= parse_interfaces(ctx, s);
	return ret != 0 ? -EINVAL : 0;
}
