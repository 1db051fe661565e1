/* SPDX-License-Identifier: BSD-2-Clause */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cfg_inet.h"
#include "cfg_keys.h"

struct cfg_loc cfg_loc_of(const struct cfg_ctx *ctx, const config_setting_t *s)
{
	const char *file = config_setting_source_file(s);

	return (struct cfg_loc){
	    .file = file != NULL ? file : ctx->cfg->path,
	    .line = config_setting_source_line(s),
	};
}

static void report_va(const struct cfg_ctx *ctx, struct cfg_loc loc, const char *obj,
                      const char *fmt, va_list ap)
{
	char reason[CFG_ERROR_LEN];

	vsnprintf(reason, sizeof(reason), fmt, ap);
	cfg_errorf(ctx->errs, loc.file, loc.line, "%s%s%s", obj, *obj != '\0' ? ": " : "", reason);
}

void cfg_report_at(const struct cfg_ctx *ctx, struct cfg_loc loc, const char *obj, const char *fmt,
                   ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_va(ctx, loc, obj, fmt, ap);
	va_end(ap);
}

void cfg_report(const struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_va(ctx, cfg_loc_of(ctx, s), obj, fmt, ap);
	va_end(ap);
}

int cfg_keys_check(const struct cfg_ctx *ctx, const config_setting_t *group, const char *obj,
                   const char *const allowed[])
{
	int ret = 0;

	for (int i = 0; i < config_setting_length(group); i++) {
		const config_setting_t *s = config_setting_get_elem(group, (unsigned int)i);
		const char *name = config_setting_name(s);
		const char *const *a;

		for (a = allowed; *a != NULL; a++)
			if (strcmp(*a, name) == 0)
				break;
		if (*a == NULL) {
			cfg_report(ctx, s, obj, "unknown key \"%s\"", name);
			ret = -EINVAL;
		}
	}
	return ret;
}

int cfg_read_uint(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                  const char *obj, uint32_t min, uint32_t max, uint32_t dflt, uint32_t *out)
{
	const config_setting_t *s = key != NULL ? config_setting_get_member(group, key) : group;
	const char *what = key != NULL ? key : config_setting_name(group);

	if (what == NULL) /* a list element has no name */
		what = "value";
	long long v;

	if (s == NULL) {
		*out = dflt;
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_INT &&
	    config_setting_type(s) != CONFIG_TYPE_INT64) {
		cfg_report(ctx, s, obj, "%s must be an integer", what);
		return -EINVAL;
	}
	v = config_setting_get_int64(s);
	if (v < (long long)min || v > (long long)max) {
		cfg_report(ctx, s, obj, "%s %lld out of range %u-%u", what, v, min, max);
		return -EINVAL;
	}
	*out = (uint32_t)v;
	return 0;
}

int cfg_read_text(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                  const char *obj, int required, const char **out, const config_setting_t **setting)
{
	const config_setting_t *s = config_setting_get_member(group, key);

	if (setting != NULL)
		*setting = s;
	if (s == NULL) {
		if (required)
			cfg_report(ctx, group, obj, "missing %s", key);
		return -ENOENT;
	}
	if (config_setting_type(s) != CONFIG_TYPE_STRING) {
		cfg_report(ctx, s, obj, "%s must be a string", key);
		return -EINVAL;
	}
	*out = config_setting_get_string(s);
	if (**out == '\0') {
		cfg_report(ctx, s, obj, "%s is empty", key);
		return -EINVAL;
	}
	return 0;
}

int cfg_read_str(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                 const char *obj, int required, char *buf, size_t size,
                 const config_setting_t **setting)
{
	const config_setting_t *s;
	const char *v;
	int ret = cfg_read_text(ctx, group, key, obj, required, &v, &s);

	if (setting != NULL)
		*setting = s;
	if (ret < 0)
		return ret;
	if (strlen(v) >= size) {
		cfg_report(ctx, s, obj, "%s \"%s\" longer than %zu characters", key, v, size - 1);
		return -EINVAL;
	}
	memcpy(buf, v, strlen(v) + 1);
	return 0;
}

int cfg_check_group_list(const struct cfg_ctx *ctx, const config_setting_t *s)
{
	const char *name = config_setting_name(s);

	if (!config_setting_is_list(s)) {
		cfg_report(ctx, s, "", "%s must be a list of groups: %s = ( { ... }, ... );", name,
		           name);
		return -EINVAL;
	}
	for (int i = 0; i < config_setting_length(s); i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned int)i);

		if (!config_setting_is_group(e)) {
			cfg_report(ctx, e, "", "%s: element %d must be a group { ... }", name,
			           i + 1);
			return -EINVAL;
		}
	}
	return 0;
}

int cfg_read_bool(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                  const char *obj, bool dflt, bool *out)
{
	const config_setting_t *s = config_setting_get_member(group, key);

	if (s == NULL) {
		*out = dflt;
		return 0;
	}
	if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
		cfg_report(ctx, s, obj, "%s must be true or false", key);
		return -EINVAL;
	}
	*out = config_setting_get_bool(s) != 0;
	return 0;
}

int cfg_read_choice(const struct cfg_ctx *ctx, const config_setting_t *group, const char *key,
                    const char *obj, const char *const names[], size_t n)
{
	const config_setting_t *s;
	char list[128] = "";
	const char *v;
	int ret = cfg_read_text(ctx, group, key, obj, 0, &v, &s);

	if (ret < 0)
		return ret;
	for (size_t i = 0; i < n; i++) {
		if (names[i] == NULL)
			continue;
		if (strcmp(v, names[i]) == 0)
			return (int)i;
		if (list[0] != '\0')
			strncat(list, ", ", sizeof(list) - strlen(list) - 1);
		strncat(list, names[i], sizeof(list) - strlen(list) - 1);
	}
	cfg_report(ctx, s, obj, "%s \"%s\" unknown (one of: %s)", key, v, list);
	return -EINVAL;
}

bool cfg_name_valid(const char *name)
{
	for (const char *p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' && *p != '.')
			return false;
	return true;
}

int cfg_read_ifaddrs(const struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                     struct cfg_ifaddr *addrs, unsigned int max, unsigned int *n)
{
	return cfg_read_ifaddrs46(ctx, s, obj, addrs, max, n, NULL, NULL);
}

int cfg_read_ifaddrs46(const struct cfg_ctx *ctx, const config_setting_t *s, const char *obj,
                       struct cfg_ifaddr *addrs, unsigned int max, unsigned int *n,
                       struct cfg_ifaddr6 *addrs6, unsigned int *n6)
{
	const char *key = config_setting_name(s);
	int len = config_setting_length(s);
	int ret = 0;

	if (!config_setting_is_array(s) && !config_setting_is_list(s)) {
		cfg_report(ctx, s, obj, "%s must be a list of strings: [ \"A.B.C.D/LEN\" ]", key);
		return -EINVAL;
	}
	if ((unsigned int)len > max + (addrs6 != NULL ? CFG_PORT_ADDRS6_MAX : 0)) {
		cfg_report(ctx, s, obj, "more than %u %s", max, key);
		return -EINVAL;
	}
	for (int i = 0; i < len; i++) {
		const config_setting_t *e = config_setting_get_elem(s, (unsigned int)i);
		struct cfg_ifaddr *a = &addrs[*n];
		const char *v;

		if (config_setting_type(e) != CONFIG_TYPE_STRING) {
			cfg_report(ctx, e, obj, "%s: element %d must be a string", key, i + 1);
			ret = -EINVAL;
			continue;
		}
		v = config_setting_get_string(e);
		if (cfg_ipv6_refused(v) != NULL && addrs6 != NULL) {
			if (cfg_read_ifaddr6(ctx, e, obj, v, addrs6, n6) < 0)
				ret = -EINVAL;
			continue;
		}
		if (cfg_ipv6_refused(v) != NULL) {
			cfg_report(ctx, e, obj, "address %s: %s", v, cfg_ipv6_refused(v));
			ret = -EINVAL;
			continue;
		}
		if (*n >= max) {
			cfg_report(ctx, e, obj, "more than %u %s", max, key);
			ret = -EINVAL;
			continue;
		}
		if (cfg_prefix_parse(v, &a->addr, &a->len) < 0) {
			cfg_report(ctx, e, obj, "bad address \"%s\" (expected A.B.C.D/LEN)", v);
			ret = -EINVAL;
			continue;
		}
		if (a->len == 0) {
			cfg_report(ctx, e, obj, "address %s: prefix length 0 out of range 1-32", v);
			ret = -EINVAL;
			continue;
		}
		a->loc = cfg_loc_of(ctx, e);
		(*n)++;
	}
	return ret;
}
