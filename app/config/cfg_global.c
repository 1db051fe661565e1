/* SPDX-License-Identifier: BSD-2-Clause */
/* Top-level scalar settings: log_level, polling (+ idle_polls, sleep_max_us), workers, tables. */
#include <errno.h>
#include <string.h>

#include "cfg_sections.h"

#define DEFAULT_LOG_LEVEL    7 /* info */
#define DEFAULT_IDLE_POLLS   256
#define DEFAULT_SLEEP_MAX_US 250

static const struct {
	const char *name;
	uint8_t level;
} log_levels[] = {
#define LOG_LEVEL_ENTRY(n, v) {#n, v},
    CFG_LOG_LEVELS(LOG_LEVEL_ENTRY)
#undef LOG_LEVEL_ENTRY
};

static const char *const polling_names[] = {
#define POLLING_NAME(n, up) [CFG_POLLING_##up] = #n,
    CFG_POLLING_MODES(POLLING_NAME)
#undef POLLING_NAME
};

const char *cfg_polling_name(enum cfg_polling p)
{
	return (unsigned int)p < CFG_POLLING_COUNT ? polling_names[p] : "?";
}

const char *cfg_log_level_name(unsigned int level)
{
	for (size_t i = 0; i < sizeof(log_levels) / sizeof(log_levels[0]); i++)
		if (log_levels[i].level == level)
			return log_levels[i].name;
	return "?";
}

void cfg_defaults(struct cfg *cfg)
{
	cfg->log_level = DEFAULT_LOG_LEVEL;
	cfg->polling = CFG_POLLING_BUSY;
	cfg->idle_polls = DEFAULT_IDLE_POLLS;
	cfg->sleep_max_us = DEFAULT_SLEEP_MAX_US;
	cfg->tables = (struct cfg_tables){
	    .routes = CFG_TABLE_DEFAULT,
	    .neighbours = CFG_TABLE_DEFAULT,
	    .mbufs = 0,
	};
	cfg_carp_defaults(&cfg->carp);
}

/* A top-level string setting s that must be one of names[0..n). Index or -EINVAL. */
static int read_choice(struct cfg_ctx *ctx, const config_setting_t *s, const char *const names[],
                       size_t n)
{
	return cfg_read_choice(ctx, config_setting_parent(s), config_setting_name(s), "", names, n);
}

int cfg_log_level_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	const char *names[sizeof(log_levels) / sizeof(log_levels[0])];
	int i;

	for (size_t k = 0; k < sizeof(log_levels) / sizeof(log_levels[0]); k++)
		names[k] = log_levels[k].name;
	i = read_choice(ctx, s, names, sizeof(names) / sizeof(names[0]));
	if (i < 0)
		return i;
	ctx->cfg->log_level = log_levels[i].level;
	ctx->cfg->log_level_loc = cfg_loc_of(ctx, s);
	return 0;
}

int cfg_polling_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	int i = read_choice(ctx, s, polling_names, CFG_POLLING_COUNT);

	if (i < 0)
		return i;
	ctx->cfg->polling = (enum cfg_polling)i;
	ctx->cfg->polling_loc = cfg_loc_of(ctx, s);
	return 0;
}

int cfg_idle_polls_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	ctx->cfg->idle_polls_loc = cfg_loc_of(ctx, s);
	return cfg_read_uint(ctx, s, NULL, "", 1, 1000000, DEFAULT_IDLE_POLLS,
	                     &ctx->cfg->idle_polls);
}

int cfg_sleep_max_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	ctx->cfg->sleep_max_loc = cfg_loc_of(ctx, s);
	return cfg_read_uint(ctx, s, NULL, "", 1, 100000, DEFAULT_SLEEP_MAX_US,
	                     &ctx->cfg->sleep_max_us);
}

int cfg_workers_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	struct cfg *cfg = ctx->cfg;
	int n = config_setting_length(s);

	cfg->workers_loc = cfg_loc_of(ctx, s);
	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		cfg_report(ctx, s, "", "workers must be a list of lcore ids: workers = [ 1, 2 ];");
		return -EINVAL;
	}
	if (n == 0) {
		cfg_report(ctx, s, "",
		           "workers is empty (leave it out to use every lcore but the main one)");
		return -EINVAL;
	}
	for (int i = 0; i < n; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned int)i);
		uint32_t lcore;

		if (config_setting_type(e) != CONFIG_TYPE_INT &&
		    config_setting_type(e) != CONFIG_TYPE_INT64) {
			cfg_report(ctx, e, "", "workers: element %d must be an integer", i + 1);
			return -EINVAL;
		}
		if (config_setting_get_int64(e) < 0 ||
		    config_setting_get_int64(e) > CFG_LCORE_MAX) {
			cfg_report(ctx, e, "", "workers: lcore %lld out of range 0-%d",
			           config_setting_get_int64(e), CFG_LCORE_MAX);
			return -EINVAL;
		}
		lcore = (uint32_t)config_setting_get_int64(e);
		for (unsigned int k = 0; k < cfg->n_workers; k++) {
			if (cfg->workers[k] == lcore) {
				cfg_report(ctx, e, "", "workers: lcore %u listed twice", lcore);
				return -EINVAL;
			}
		}
		cfg->workers[cfg->n_workers++] = (uint16_t)lcore;
	}
	return 0;
}

int cfg_tables_parse(struct cfg_ctx *ctx, const config_setting_t *s)
{
	static const char *const keys[] = {"routes", "neighbours", "mbufs", NULL};
	struct cfg_tables *t = &ctx->cfg->tables;
	int ret;

	ctx->cfg->tables_loc = cfg_loc_of(ctx, s);
	if (!config_setting_is_group(s)) {
		cfg_report(ctx, s, "", "tables must be a group: tables = { ... };");
		return -EINVAL;
	}
	ret = cfg_keys_check(ctx, s, "tables", keys);
	ret |= cfg_read_uint(ctx, s, "routes", "tables", 16, 1 << 20, t->routes, &t->routes);
	ret |= cfg_read_uint(ctx, s, "neighbours", "tables", 16, 1 << 20, t->neighbours,
	                     &t->neighbours);
	ret |= cfg_read_uint(ctx, s, "mbufs", "tables", 1023, 1 << 20, t->mbufs, &t->mbufs);
	t->routes_set = config_setting_get_member(s, "routes") != NULL;
	if (t->routes_set)
		t->routes_loc = cfg_loc_of(ctx, config_setting_get_member(s, "routes"));
	t->neighbours_set = config_setting_get_member(s, "neighbours") != NULL;
	if (t->neighbours_set)
		t->neighbours_loc = cfg_loc_of(ctx, config_setting_get_member(s, "neighbours"));
	return ret < 0 ? -EINVAL : 0;
}
