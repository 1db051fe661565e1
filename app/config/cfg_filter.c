/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * filter = { rules = "pf.conf"; }: the stateful filter's rule file, in
 * OpenBSD pf.conf's vocabulary (docs/filter.md). The key is read with the
 * rest of the file; once the ports and carp interfaces are known, the rules
 * are parsed by lib/pf with those as the interfaces they may name (ports by
 * their name, carp interfaces by theirs with their virtual addresses). A
 * rule error is the rule file's own "FILE:LINE: reason". A ruleset that
 * would block CARP on a carpdev is a warning, not an error: pf lets you.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfg_sections.h"
#include "pf_addr.h"
#include "pf_check.h"
#include "pf_parse.h"
#include "pf_rule.h"

static const char *const filter_keys[] = {"rules", NULL};

/* A relative path names a file next to the configuration file that says it. */
static int resolve(char *out, size_t len, const char *cfgfile, const char *path)
{
	const char *slash = strrchr(cfgfile, '/');
	int n;

	if (path[0] == '/' || slash == NULL)
		n = snprintf(out, len, "%s", path);
	else
		n = snprintf(out, len, "%.*s/%s", (int)(slash - cfgfile), cfgfile, path);
	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

int cfg_filter_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	struct cfg_filter *f = &ctx->cfg->filter;
	const config_setting_t *rs;
	const char *rules;
	int ret;

	if (!config_setting_is_group(s)) {
		cfg_report(ctx, s, "",
		           "filter must be a group: filter = { rules = \"pf.conf\"; };");
		return -EINVAL;
	}
	f->present = true;
	f->loc = cfg_loc_of(ctx, s);
	if (cfg_keys_check(ctx, s, "filter", filter_keys) < 0)
		return -EINVAL;
	ret = cfg_read_text(ctx, s, "rules", "filter", 1, &rules, &rs);
	if (ret < 0)
		return -EINVAL;
	f->rules_loc = cfg_loc_of(ctx, rs);
	if (resolve(f->rules, sizeof(f->rules), f->rules_loc.file, rules) < 0) {
		cfg_report(ctx, rs, "filter", "rules \"%s\": path longer than %d characters", rules,
		           CFG_PATH_LEN - 1);
		return -EINVAL;
	}
	return 0;
}

static void add_addrs(struct pf_iface *pi, const struct cfg_ifaddr *a, unsigned int n)
{
	for (unsigned int i = 0; i < n && pi->naddrs < PF_IFACE_MAX_ADDRS; i++) {
		struct pf_ifaddr *x = &pi->addrs[pi->naddrs++];

		x->af = PF_AF_INET;
		x->plen = a[i].len;
		pf_addr_from_v4(&x->addr, a[i].addr);
	}
}

/* Ports (id = index) and carp interfaces (id = CFG_PF_CARP_ID0 + index). */
static int build_ifaces(struct cfg *cfg)
{
	struct cfg_filter *f = &cfg->filter;

	f->ifaces = calloc(CFG_PF_IFACES_MAX, sizeof(*f->ifaces));
	if (f->ifaces == NULL)
		return -ENOMEM;
	for (unsigned int i = 0; i < cfg->n_ports; i++) {
		struct pf_iface *pi = &f->ifaces[f->n_ifaces++];

		snprintf(pi->name, sizeof(pi->name), "%s", cfg->ports[i].name);
		pi->id = (uint16_t)i;
		pi->kind = PF_IFACE_PORT;
		add_addrs(pi, cfg->ports[i].addrs, cfg->ports[i].n_addrs);
	}
	for (unsigned int i = 0; i < cfg->carp.n_ifs; i++) {
		struct pf_iface *pi = &f->ifaces[f->n_ifaces++];

		snprintf(pi->name, sizeof(pi->name), "%s", cfg->carp.ifs[i].name);
		pi->id = (uint16_t)(CFG_PF_CARP_ID0 + i);
		pi->kind = PF_IFACE_CARP;
		add_addrs(pi, cfg->carp.ifs[i].addrs, cfg->carp.ifs[i].n_addrs);
	}
	return 0;
}

static void warn(void *arg, const char *msg)
{
	cfg_errors_add(arg, msg);
}

/* The distinct carpdevs, in carp interface order. */
static unsigned int carpdevs(const struct cfg *cfg, const char **out)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i < cfg->carp.n_ifs; i++) {
		unsigned int k;

		for (k = 0; k < n; k++)
			if (strcmp(out[k], cfg->carp.ifs[i].carpdev) == 0)
				break;
		if (k == n)
			out[n++] = cfg->carp.ifs[i].carpdev;
	}
	return n;
}

int cfg_filter_validate(struct cfg *cfg, struct cfg_errors *errs)
{
	struct cfg_filter *f = &cfg->filter;
	const char *devs[CFG_CARP_IFS_MAX];
	struct pf_iface_list ifs;
	char err[PF_ERR_MAX];

	if (!f->present)
		return 0;
	if (build_ifaces(cfg) < 0) {
		cfg_errorf(errs, f->loc.file, f->loc.line, "filter: out of memory");
		return -EINVAL;
	}
	ifs = (struct pf_iface_list){.v = f->ifaces, .n = f->n_ifaces};
	f->rs = pf_parse_file(f->rules, &ifs, err, sizeof(err));
	if (f->rs == NULL) {
		cfg_errors_add(errs, err);
		return -EINVAL;
	}
	pf_check_carp(f->rs, &ifs, devs, carpdevs(cfg, devs), warn, &cfg->warnings);
	return 0;
}

void cfg_filter_free(struct cfg_filter *f)
{
	if (f->rs != NULL)
		pf_ruleset_free(f->rs);
	free(f->ifaces);
	f->rs = NULL;
	f->ifaces = NULL;
}
