/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ifstated = "/etc/carp-router/ifstated.conf": the path, then (once the
 * ports and carp interfaces are known) the file itself, parsed by
 * lib/ifstated. Its errors are the file's own "FILE:LINE: reason"; a test
 * naming an interface that is neither a port nor a carp interface is one.
 */
#include <errno.h>
#include <string.h>

#include "cfg_sections.h"
#include "ifs_conf.h"

int cfg_ifstated_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	struct cfg *cfg = ctx->cfg;
	int ret = cfg_read_str(ctx, config_setting_parent(s), config_setting_name(s), "", 1,
	                       cfg->ifstated_path, sizeof(cfg->ifstated_path), NULL);

	if (ret < 0)
		return ret;
	cfg->ifstated_loc = cfg_loc_of(ctx, s);
	if (cfg->ifstated_path[0] != '/') {
		cfg_report(ctx, s, "", "ifstated \"%s\" must be an absolute path",
		           cfg->ifstated_path);
		cfg->ifstated_path[0] = '\0';
		return -EINVAL;
	}
	return 0;
}

/* What both parser callbacks need. */
struct ifs_ctx {
	const struct cfg *cfg;
	struct cfg_errors *errs;
};

static bool iface_known(void *arg, const char *name)
{
	const struct ifs_ctx *x = arg;

	return cfg_port_find(x->cfg, name) >= 0 || cfg_carp_find(x->cfg, name) >= 0;
}

static void report(void *arg, const char *file, int line, const char *reason)
{
	const struct ifs_ctx *x = arg;

	cfg_errorf(x->errs, file, line, "%s", reason);
}

int cfg_ifstated_validate(struct cfg *cfg, struct cfg_errors *errs)
{
	struct ifs_ctx x = {cfg, errs};
	struct ifs_parse_opts opts = {.error = report, .iface_known = iface_known, .arg = &x};

	if (cfg->ifstated_path[0] == '\0')
		return 0;
	cfg->ifstated = ifs_parse_file(cfg->ifstated_path, &opts);
	return cfg->ifstated != NULL ? 0 : -EINVAL;
}
