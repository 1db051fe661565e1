/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * One parser per top-level key of the configuration file. cfg_load.c maps
 * key names to these; a new section (e.g. "carp") is one new file and one
 * line in that table. Each parser reports its own errors and returns 0 or
 * -EINVAL.
 */
#ifndef RTR_CFG_SECTIONS_H
#define RTR_CFG_SECTIONS_H

#include "cfg_keys.h"

int cfg_log_level_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_polling_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_idle_polls_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_sleep_max_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_workers_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_tables_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_ports_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_routes_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_neighs_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_routes6_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_neighs6_parse(struct cfg_ctx *ctx, const config_setting_t *s);
/* mac = "xx:..." of a neighbour group: unicast, not all zeros (cfg_neighs.c). */
int cfg_read_neigh_mac(struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                       uint8_t mac[6]);
int cfg_control_lcore_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_carp_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_ifstated_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_filter_parse(struct cfg_ctx *ctx, const config_setting_t *s);
int cfg_pfsync_parse(struct cfg_ctx *ctx, const config_setting_t *s);

/* Defaults for everything the sections leave unset. */
void cfg_defaults(struct cfg *cfg);
void cfg_carp_defaults(struct cfg_carp *carp);

#endif /* RTR_CFG_SECTIONS_H */
