/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Typed, range-checked reads of libconfig settings, shared by the section
 * parsers (cfg_global.c, cfg_ports.c, cfg_routes.c, cfg_neigh.c). Each
 * reporter names the object ("port \"lan0\"") and the key, at the key's line.
 */
#ifndef RTR_CFG_KEYS_H
#define RTR_CFG_KEYS_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cfg.h"

/* What a section parser gets. */
struct cfg_ctx {
	struct cfg *cfg;
	struct cfg_errors *errs;
};

struct cfg_loc cfg_loc_of(const struct cfg_ctx *ctx, const config_setting_t *s);

/* Report at setting s: "FILE:LINE: OBJ: " + fmt ("OBJ: " left out when obj is ""). */
void cfg_report(const struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void cfg_report_at(const struct cfg_ctx *ctx, struct cfg_loc loc, const char *obj, const char *fmt,
                   ...) __attribute__((format(printf, 4, 5)));

/* Refuse every member of group whose name is not in the NULL-ended allowed list. */
int cfg_keys_check(const struct cfg_ctx *ctx, const config_setting_t *group, const char *obj,
                   const char *const allowed[]);

/*
 * Integer key of group (or the setting itself when key is NULL) within
 * [min, max]. Absent: *out = dflt, returns 0 (or -ENOENT when required).
 * Wrong type or range: reported, returns -EINVAL.
 */
int cfg_read_uint(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                  const char *obj, uint32_t min, uint32_t max, uint32_t dflt, uint32_t *out);

/*
 * String key of group, at most size-1 bytes and not empty. Absent: returns
 * -ENOENT (reported as "missing KEY" when required). *setting gets the key's
 * setting when found (may be NULL).
 */
int cfg_read_str(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                 const char *obj, int required, char *buf, size_t size,
                 const config_setting_t **setting);

/*
 * String key of group, not empty, returned as libconfig's own string (valid
 * while the tree lives); same return values as cfg_read_str.
 */
int cfg_read_text(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                  const char *obj, int required, const char **out,
                  const config_setting_t **setting);

/* Boolean key of group: true/false. Absent: *out = dflt, returns 0. */
int cfg_read_bool(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                  const char *obj, bool dflt, bool *out);

/*
 * String key of group that must be one of names[0..n) (NULL entries are
 * skipped: not accepted, not listed). Returns the index, -ENOENT when
 * absent, or -EINVAL ("KEY \"v\" unknown (one of: a, b)").
 */
int cfg_read_choice(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                    const char *obj, const char *const names[], size_t n);

/*
 * A list [ "A.B.C.D/LEN", ... ] (prefix length 1-32) of at most max
 * addresses into addrs[*n...] with their locations. Reports every bad
 * element; returns 0 or -EINVAL.
 */
int cfg_read_ifaddrs(const struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                     struct cfg_ifaddr *addrs, unsigned int max, unsigned int *n);

/* Name of a port, carp interface or group: letters, digits, '_', '-', '.'. */
/*
 * cfg_read_ifaddrs for a port: IPv6 entries ("2001:db8::1/64") go to
 * addrs6/n6 through cfg_read_ifaddr6 (cfg_ports6.c), up to
 * CFG_PORT_ADDRS6_MAX; addrs6 NULL refuses them (cfg_ipv6_refused).
 */
int cfg_read_ifaddrs46(const struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                       struct cfg_ifaddr *addrs, unsigned int max, unsigned int *n,
                       struct cfg_ifaddr6 *addrs6, unsigned int *n6);
/* One IPv6 "ADDR/LEN" string v of setting e into addrs6[*n6] (cfg_ports6.c). */
int cfg_read_ifaddr6(const struct cfg_ctx *ctx, const config_setting_t *e, const char *obj,
                     const char *v, struct cfg_ifaddr6 *addrs6, unsigned int *n6);
/* The IPv6 keys of a port group (link_local), cfg_ports6.c. */
int cfg_port6_parse(const struct cfg_ctx *ctx, const config_setting_t *g, const char *obj,
                    struct cfg_port *port);

bool cfg_name_valid(const char *name);

/* A list "( {...}, ... )" of groups; reports and returns -EINVAL otherwise. */
int cfg_check_group_list(const struct cfg_ctx *ctx, const config_setting_t *s);

#endif /* RTR_CFG_KEYS_H */
